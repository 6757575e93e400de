/* The map on the communities page (templates/includes/communities_map.html).
 *
 * Its markers come from the API's GeoJSON, fetched from the container's
 * data-communities-url and data-groups-url (with the page's search and language);
 * the popups' words around the features' properties are the page's json_script
 * "communities-map-texts". Leaflet and its cluster plugin are our static files.
 * Only the background tiles come from the tile server in the container's
 * data-tile-url: when it cannot be reached the tiles stay blank, the markers still
 * show and nothing complains, since the list below the map has every community
 * anyway. The map stays hidden when the search finds no community on the map.
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

  // The chat service a link invites to, by its host or a subdomain of it, as
  // groups.models.chat_service tells it; "" for any other link.
  function chatService(url, services) {
    var host;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch (error) {
      return "";
    }
    for (var chatHost in services) {
      if (host === chatHost || host.endsWith("." + chatHost)) {
        return services[chatHost];
      }
    }
    return "";
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)[sd]/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  // [latitude, longitude] from a GeoJSON point, which puts longitude first.
  function position(feature) {
    var coordinates = feature.geometry.coordinates;
    return [coordinates[1], coordinates[0]];
  }

  function communityMarker(feature, texts) {
    var community = feature.properties;
    var adjacent = community.kind === "adjacent";
    var link = null;
    if (community.national_group) {
      link = {
        url: texts.groupUrl.replace("__slug__", community.national_group),
        text: texts.groupPage,
      };
    } else {
      // The first public link, by kind, named as the list names it.
      var kind = Object.keys(community.links)[0];
      if (kind) {
        var url = community.links[kind];
        link = {
          url: url,
          text: chatService(url, texts.chatServices) || texts.linkKinds[kind] || kind,
        };
      }
    }
    var detail = texts.coordinatedByGlobal;
    if (adjacent) {
      detail = texts.adjacent;
    } else if (community.national_group) {
      detail = fill(texts.coordinatedBy, { group_name: community.national_group_name });
    }
    return {
      name: community.name,
      kind: adjacent ? "adjacent" : "community",
      place: community.city + ", " + community.country_name,
      detail: detail,
      position: position(feature),
      link: link,
    };
  }

  function groupMarker(feature, texts, language) {
    var group = feature.properties;
    var count = group.communities_on_the_map;
    var forms = texts.communitiesOnTheMap;
    var form = forms[new Intl.PluralRules(language).select(count)] || forms.other;
    return {
      name: group.name,
      place: group.country_name,
      detail: fill(form, { count: count }),
      position: position(feature),
      link: { url: group.url, text: texts.groupPage },
    };
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
    var map = L.map(container, {
      scrollWheelZoom: false,
      worldCopyJump: true,
      zoomControl: false,
    });
    window.mapBackground(map, container.dataset);

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
    // The groups' rings in a pane of their own, under the markers' (site.css): a ring
    // never hides a cluster's count, nor a community.
    map.createPane("groups");
    var groupMarkers = L.layerGroup(
      markers.groups.map(function (marker) {
        return L.marker(marker.position, {
          icon: markerIcon("group", GROUP_SIZE),
          title: marker.name,
          pane: "groups",
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

  function features(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error("The map's markers did not load: " + response.status);
      }
      return response.json();
    });
  }

  var container = document.getElementById("communities-map");
  var data = document.getElementById("communities-map-texts");
  if (!container || !data || !window.L || !L.markerClusterGroup || !window.fetch) {
    return;
  }
  var texts = JSON.parse(data.textContent);
  var language = document.documentElement.lang || "en";
  Promise.all([
    features(container.dataset.communitiesUrl),
    features(container.dataset.groupsUrl),
  ])
    .then(function (collections) {
      var markers = {
        communities: collections[0].features.map(function (feature) {
          return communityMarker(feature, texts);
        }),
        groups: collections[1].features.map(function (feature) {
          return groupMarker(feature, texts, language);
        }),
      };
      if (!markers.communities.length) {
        return;
      }
      var figure = container.closest("figure") || container;
      // Shown only now: without the script the page is the list alone, with no empty frame.
      figure.hidden = false;
      window.communitiesMap = drawMap(container, markers);
    })
    .catch(function () {
      // Without its markers the map stays hidden; the list has every community.
    });
})();
