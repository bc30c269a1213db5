/*
 * kaoping: the published site's own script. It draws the charts with the copy of
 * Apache ECharts this site serves (loaded only on pages that have a chart), shows
 * photos in a lightbox, and opens the collapsed section a link points to. No request
 * leaves the site.
 */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : "";
  var base = here.replace(/[^/]*$/, "");

  function loadECharts(done) {
    if (window.echarts) {
      done();
      return;
    }
    var tag = document.createElement("script");
    tag.src = base + "vendor/echarts/echarts.common.min.js";
    tag.onload = done;
    document.head.appendChild(tag);
  }

  function drawCharts() {
    var nodes = Array.prototype.slice.call(document.querySelectorAll(".kp-chart[data-chart]"));
    if (!nodes.length) {
      return;
    }
    loadECharts(function () {
      var charts = nodes.map(function (node) {
        var chart = window.echarts.init(node, null, { renderer: "canvas" });
        chart.setOption(JSON.parse(node.getAttribute("data-chart")));
        node.setAttribute("data-drawn", "true");
        return chart;
      });
      window.addEventListener("resize", function () {
        charts.forEach(function (chart) {
          chart.resize();
        });
      });
    });
  }

  function lightbox() {
    var dialog = document.createElement("dialog");
    dialog.className = "kp-lightbox";
    var image = document.createElement("img");
    var caption = document.createElement("p");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "kp-lightbox__close";
    close.textContent = "\u00d7";
    dialog.appendChild(close);
    dialog.appendChild(image);
    dialog.appendChild(caption);
    var group = [];
    var index = 0;

    function show(at) {
      index = (at + group.length) % group.length;
      var link = group[index];
      image.src = link.href;
      image.alt = link.querySelector("img") ? link.querySelector("img").alt : "";
      caption.textContent = link.title + (group.length > 1 ? " (" + (index + 1) + "/" + group.length + ")" : "");
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-kp-lightbox]") : null;
      if (!link) {
        return;
      }
      event.preventDefault();
      var holder = link.closest(".kp-photos") || document;
      group = Array.prototype.slice.call(holder.querySelectorAll("a[data-kp-lightbox]"));
      close.setAttribute("aria-label", holder.getAttribute("data-close") || "Close");
      if (!dialog.isConnected) {
        document.body.appendChild(dialog);
      }
      show(group.indexOf(link));
      dialog.showModal();
    });
    close.addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close();
      } else if (event.target === image && group.length > 1) {
        show(index + 1);
      }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") {
        show(index + 1);
      } else if (event.key === "ArrowLeft") {
        show(index - 1);
      }
    });
  }

  function openTarget() {
    var id = "";
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    var target = id ? document.getElementById(id) : null;
    if (!target) {
      return;
    }
    var details = target.tagName === "DETAILS" ? target : target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  function start() {
    drawCharts();
    lightbox();
    openTarget();
    window.addEventListener("hashchange", openTarget);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
