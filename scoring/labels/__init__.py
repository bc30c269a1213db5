"""The catalogues of the site's and ``explain``'s text, one module per language (see ``i18n``)."""
