/* The map on the communities page (templates/includes/communities_map.html).
 *
 * Its markers are the page's own data (json_script "communities-map-markers");
 * Leaflet and its cluster plugin are our static files. Only the background
 * tiles come from the tile server in the container's data-tile-url: when it
 * cannot be reached the tiles stay blank, the markers still show and nothing
 * complains, since the list below the map has every community anyway.
 *
 * Every marker is its own element, .map-marker--community, --adjacent (another
 * organisation's community) or --group; overlapping communities gather into a .map-cluster until
 * the visitor zooms in. window.communitiesMap gives the layers to tests.
 */
(function () {
  "use strict";

  var COMMUNITY_SIZE = 16;
  var GROUP_SIZE = 30;
  var CLUSTER_SIZE = 36;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // Built from DOM nodes, not HTML strings: names are typed by organizers.
  function popupContent(marker) {
    var content = element("div", "map-popup");
    content.appendChild(element("strong", "map-popup__name", marker.name));
    content.appendChild(element("span", "map-popup__place", marker.place));
    content.appendChild(element("span", "map-popup__detail", marker.detail));
    if (marker.link) {
      var link = element("a", "map-popup__link", marker.link.text);
      link.href = marker.link.url;
      content.appendChild(link);
    }
    return content;
  }

  function markerIcon(kind, size) {
    return L.divIcon({
      className: "map-marker map-marker--" + kind,
      iconSize: [size, size],
      html: "",
    });
  }

  function clusterIcon(cluster) {
    return L.divIcon({
      className: "map-cluster",
      iconSize: [CLUSTER_SIZE, CLUSTER_SIZE],
      html: "<span>" + cluster.getChildCount() + "</span>",
    });
  }

  function drawMap(container, markers) {
    var map = L.map(container, { scrollWheelZoom: false, worldCopyJump: true });
    L.tileLayer(container.dataset.tileUrl, {
      attribution: container.dataset.tileAttribution,
      maxZoom: 18,
    }).addTo(map);

    var communityMarkers = L.markerClusterGroup({
      iconCreateFunction: clusterIcon,
      maxClusterRadius: 30,
      disableClusteringAtZoom: 9,
      showCoverageOnHover: false,
    });
    markers.communities.forEach(function (marker) {
      // "community" (PauseAI's) or "adjacent" (another organisation's), each in its style.
      var kind = marker.kind || "community";
      communityMarkers.addLayer(
        L.marker(marker.position, {
          icon: markerIcon(kind, COMMUNITY_SIZE),
          title: marker.name,
          // Above a group's ring when they share a place; PauseAI's above adjacent ones.
          zIndexOffset: kind === "community" ? 1000 : 500,
        }).bindPopup(popupContent(marker))
      );
    });
    var groupMarkers = L.layerGroup(
      markers.groups.map(function (marker) {
        return L.marker(marker.position, {
          icon: markerIcon("group", GROUP_SIZE),
          title: marker.name,
        }).bindPopup(popupContent(marker));
      })
    );
    groupMarkers.addTo(map);
    communityMarkers.addTo(map);

    var positions = markers.communities.map(function (marker) {
      return marker.position;
    });
    map.fitBounds(L.latLngBounds(positions), { padding: [32, 32], maxZoom: 10 });
    return { map: map, communityMarkers: communityMarkers, groupMarkers: groupMarkers };
  }

  var container = document.getElementById("communities-map");
  var data = document.getElementById("communities-map-markers");
  if (!container || !data || !window.L || !L.markerClusterGroup) {
    return;
  }
  var figure = container.closest("figure") || container;
  // Shown only now: without the script the page is the list alone, with no empty frame.
  figure.hidden = false;
  window.communitiesMap = drawMap(container, JSON.parse(data.textContent));
})();
