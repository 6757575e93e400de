/* A small map that fills in a latitude and a longitude input
 * (templates/includes/coordinate_picker.html; the organizers' community form
 * and the admin's local community form).
 *
 * A click on the map, or dragging the pin, writes both inputs, rounded to the
 * 6 decimals the database keeps; typing in the inputs moves the pin. The
 * picker is hidden until this script runs, so without it, or without Leaflet,
 * the inputs are plain inputs; without tiles the map is blank but still picks.
 */
(function () {
  "use strict";

  var DECIMALS = 6;
  var PIN_SIZE = 18;
  var PICKED_ZOOM = 10;

  // The number typed, or null while it is empty, unfinished or out of range.
  function typedNumber(input, limit) {
    var text = input.value.trim().replace(",", ".");
    var value = Number(text);
    return text !== "" && isFinite(value) && Math.abs(value) <= limit ? value : null;
  }

  function setUp(picker) {
    var latitudeInput = document.getElementById(picker.dataset.latitudeInput);
    var longitudeInput = document.getElementById(picker.dataset.longitudeInput);
    if (!latitudeInput || !longitudeInput || !window.L) {
      return;
    }
    // Right under the longitude field, wherever the template put the picker.
    var longitudeRow = longitudeInput.closest(".form-row") || longitudeInput.parentElement;
    longitudeRow.after(picker);
    picker.hidden = false;

    var map = L.map(picker.querySelector(".coordinate-picker__map"), {
      scrollWheelZoom: false,
      zoomControl: false,
    });
    window.mapBackground(map, picker.dataset);
    var pin = L.marker([0, 0], {
      icon: L.divIcon({ className: "coordinate-picker__pin", iconSize: [PIN_SIZE, PIN_SIZE] }),
      draggable: true,
      keyboard: false,
    });

    function typedPosition() {
      var latitude = typedNumber(latitudeInput, 90);
      var longitude = typedNumber(longitudeInput, 180);
      return latitude === null || longitude === null ? null : L.latLng(latitude, longitude);
    }

    function pick(position) {
      position = position.wrap();
      latitudeInput.value = position.lat.toFixed(DECIMALS);
      longitudeInput.value = position.lng.toFixed(DECIMALS);
      [latitudeInput, longitudeInput].forEach(function (input) {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      pin.setLatLng(position).addTo(map);
    }

    function followTyping() {
      var position = typedPosition();
      if (position) {
        pin.setLatLng(position).addTo(map);
        map.panTo(position);
      } else {
        pin.remove();
      }
    }

    map.on("click", function (event) {
      pick(event.latlng);
    });
    pin.on("dragend", function () {
      pick(pin.getLatLng());
    });
    latitudeInput.addEventListener("input", followTyping);
    longitudeInput.addEventListener("input", followTyping);

    var start = typedPosition();
    if (start) {
      pin.setLatLng(start).addTo(map);
      map.setView(start, PICKED_ZOOM);
    } else {
      map.setView([30, 10], 2);
    }
  }

  function setUpAll() {
    document.querySelectorAll(".coordinate-picker").forEach(setUp);
  }

  // The admin loads its scripts in <head>; the site's own pages defer them.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
