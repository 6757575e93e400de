/*
 * What every map of the site draws under its own layers: the tile server's background
 * with its credit, and Leaflet's zoom buttons and credit in the page's language (Leaflet's
 * own are English), from the map element's data- attributes (groups/map_background.py).
 * communities-map.js and coordinate-picker.js call it, loaded after Leaflet and before them.
 */
window.mapBackground = function (map, texts) {
  "use strict";
  L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
  var leaflet = document.createElement("a");
  leaflet.href = "https://leafletjs.com";
  leaflet.title = texts.leafletTitle;
  leaflet.textContent = "Leaflet";
  map.attributionControl.setPrefix(leaflet.outerHTML);
  L.tileLayer(texts.tileUrl, { attribution: texts.tileAttribution, maxZoom: 18 }).addTo(map);
};
