/*
 * kaoping: the published site's own script. It draws the charts with the copy of
 * Apache ECharts this site serves (loaded only on pages that have a chart), shows
 * photos in a lightbox, opens the collapsed section a link points to, makes the tables
 * in a `kp-sortable` box sortable by their column headers, lets the keyboard reach a
 * table that scrolls sideways, and prints the monthly report. No request leaves the
 * site.
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

  // ------------------------------------------------------------ sortable tables

  // The column of every header cell, rowspan and colspan counted.
  function headerColumns(thead) {
    var taken = [];
    var found = [];
    Array.prototype.forEach.call(thead.rows, function (row, r) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        while (taken[r] && taken[r][column]) {
          column += 1;
        }
        for (var dr = 0; dr < cell.rowSpan; dr += 1) {
          taken[r + dr] = taken[r + dr] || [];
          for (var dc = 0; dc < cell.colSpan; dc += 1) {
            taken[r + dr][column + dc] = true;
          }
        }
        if (cell.colSpan === 1) {
          found.push({ cell: cell, column: column });
        }
        column += cell.colSpan;
      });
    });
    return found;
  }

  function sortValue(cell) {
    var text = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    text = text.trim();
    if (text === "" || text === "\u2013") {
      return { missing: true };
    }
    var number = text.replace(/[,\s%]|\u5143|CNY/g, "").replace(/^\u2212/, "-");
    if (number !== "" && !isNaN(Number(number))) {
      return { number: Number(number) };
    }
    return { text: text };
  }

  function compare(a, b, language) {
    if (a.number !== undefined && b.number !== undefined) {
      return a.number - b.number;
    }
    if (a.number !== undefined) {
      return -1;
    }
    if (b.number !== undefined) {
      return 1;
    }
    return a.text.localeCompare(b.text, language);
  }

  function sortable(table) {
    var thead = table.tHead;
    var body = table.tBodies[0];
    if (!thead || !body || table.tBodies.length !== 1) {
      return;
    }
    var language = document.documentElement.lang || undefined;
    headerColumns(thead).forEach(function (header) {
      var cell = header.cell;
      if (!cell.textContent.trim()) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kp-sort";
      while (cell.firstChild) {
        button.appendChild(cell.firstChild);
      }
      cell.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = cell.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(thead.querySelectorAll("th[aria-sort]"), function (other) {
          other.removeAttribute("aria-sort");
        });
        cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
          var target = row.cells[header.column];
          return { row: row, index: index, value: target ? sortValue(target) : { text: "" } };
        });
        rows.sort(function (a, b) {
          if (a.value.missing || b.value.missing) {
            return (a.value.missing ? 1 : 0) - (b.value.missing ? 1 : 0) || a.index - b.index;
          }
          var order = compare(a.value, b.value, language);
          return (ascending ? order : -order) || a.index - b.index;
        });
        rows.forEach(function (item) {
          body.appendChild(item.row);
        });
      });
    });
    table.setAttribute("data-sortable", "true");
  }

  // A scrolling table's name: the heading before it, after its section's heading (a
  // month page has a "targets" table for every department); numbered if still shared.
  var named = {};
  function name(box) {
    var heading = box.previousElementSibling;
    while (heading && !/^H[2-4]$/.test(heading.tagName)) {
      heading = heading.previousElementSibling;
    }
    var section = box.closest("section");
    var title = section ? section.querySelector("h2[id], h3[id]") : null;
    var ids = [title, heading].filter(function (node, index, all) {
      return node && node.id && all.indexOf(node) === index;
    });
    var text = ids.map(function (node) { return node.textContent.trim(); }).join(" ");
    named[text] = (named[text] || 0) + 1;
    if (ids.length && named[text] === 1) {
      box.setAttribute("aria-labelledby", ids.map(function (node) { return node.id; }).join(" "));
    } else {
      box.setAttribute("aria-label", (text + " " + named[text]).trim());
    }
  }

  // Material's search dialog has no name of its own: it takes its search box's.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "Search");
    }
  }

  // A table wider than its box scrolls inside it; the keyboard must reach it too.
  function scrollableRegions() {
    Array.prototype.forEach.call(document.querySelectorAll(".kp-table"), function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        if (!box.hasAttribute("role")) {
          box.setAttribute("role", "region");
        }
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          name(box);
        }
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }

  function printing() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-kp-print]") : null;
      if (button) {
        window.print();
      }
    });
  }

  function start() {
    drawCharts();
    lightbox();
    openTarget();
    window.addEventListener("hashchange", openTarget);
    Array.prototype.forEach.call(document.querySelectorAll(".kp-sortable table"), sortable);
    scrollableRegions();
    window.addEventListener("resize", scrollableRegions);
    printing();
    nameSearch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
