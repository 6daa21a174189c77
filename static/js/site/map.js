/* Maps of the public site: the directory's results, a département's centres, a centre's address.
   Leaflet is vendored in static/vendor/leaflet/; tiles come from the settings (data-tile-url, empty: no tiles).
   The page always lists the same places in HTML: without JavaScript the map stays hidden, and a link lets
   keyboard users skip it. Markers are focusable; Enter opens the centre's card and moves the focus into it,
   Escape closes it and gives the focus back to the marker. */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function formatKm(value) {
    if (value < 1) {
      return Math.max(100, Math.round(value * 10) * 100) + "\u00a0m";
    }
    if (value < 10) {
      return value.toFixed(1).replace(".", ",") + "\u00a0km";
    }
    return Math.round(value) + "\u00a0km";
  }

  /* The centre's card in the popup, built with textContent only: names come from editors, never as HTML. */
  function card(item) {
    var root = element("div", "map-card");
    var title = element("p", "map-card__title");
    var link = element("a", "map-card__link", item.name);
    link.href = item.url;
    title.appendChild(link);
    root.appendChild(title);
    root.appendChild(element("p", "map-card__type badge badge--" + item.type, item.type_label));
    root.appendChild(element("p", "map-card__address", item.address + ", " + item.postcode + " " + item.commune));
    if (item.distance_km !== null && item.distance_km !== undefined) {
      root.appendChild(element("p", "map-card__distance", "À " + formatKm(item.distance_km)));
    }
    return root;
  }

  function init(container) {
    var source = document.getElementById(container.getAttribute("data-markers"));
    var block = container.closest("[data-map-block]");
    if (!source || !block || !window.L) {
      return;
    }
    var items = JSON.parse(source.textContent);
    if (!items.length) {
      return;
    }
    block.hidden = false;

    var L = window.L;
    var map = L.map(container, {
      scrollWheelZoom: false,
      zoomControl: false,
      attributionControl: false,
    });
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
    var tileUrl = container.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        attribution: container.getAttribute("data-tile-attribution") || "",
        maxZoom: 19,
      }).addTo(map);
    }

    var markers = items.map(function (item) {
      var marker = L.marker([item.lat, item.lon], {
        title: item.name,
        alt: item.name + " (" + item.type_label + ", " + item.commune + ")",
        keyboard: true,
        riseOnHover: true,
      });
      marker.bindPopup(card(item), { maxWidth: 280, autoPanPadding: [24, 24] });
      marker.on("popupopen", function (event) {
        var popupElement = event.popup.getElement();
        var link = popupElement.querySelector(".map-card__link");
        if (link && document.activeElement === marker.getElement()) {
          link.focus();
        }
        var close = popupElement.querySelector(".leaflet-popup-close-button");
        if (close) {
          close.setAttribute("aria-label", "Fermer la fiche de " + item.name);
          close.setAttribute("title", "Fermer");
        }
        if (!popupElement.hasAttribute("data-escape")) {
          popupElement.setAttribute("data-escape", "");
          /* Leaflet only listens to Escape when the map itself has the focus, not a link of the card. */
          popupElement.addEventListener("keydown", function (keyEvent) {
            if (keyEvent.key === "Escape") {
              keyEvent.stopPropagation();
              map.closePopup();
            }
          });
        }
      });
      marker.on("popupclose", function (event) {
        var popup = event.popup.getElement();
        if (popup && popup.contains(document.activeElement) && marker.getElement()) {
          marker.getElement().focus();
        }
      });
      return marker;
    });
    L.featureGroup(markers).addTo(map);

    /* Results sorted by distance: mark the reader's commune and frame it with the nearest centres. */
    var framed = markers;
    var originLat = parseFloat(container.getAttribute("data-origin-lat"));
    var originLon = parseFloat(container.getAttribute("data-origin-lon"));
    var bounds;
    if (!isNaN(originLat) && !isNaN(originLon)) {
      var origin = L.circleMarker([originLat, originLon], {
        radius: 9,
        color: "#1b2430",
        weight: 3,
        fillColor: "#ffd166",
        fillOpacity: 1,
        interactive: false,
      }).addTo(map);
      origin.bindTooltip(container.getAttribute("data-origin-name") || "", { permanent: true, direction: "top", offset: [0, -8] });
      framed = markers.slice(0, Number(container.getAttribute("data-fit-nearest")) || markers.length);
      bounds = L.featureGroup(framed.concat([origin])).getBounds();
    } else {
      bounds = L.featureGroup(framed).getBounds();
    }
    if (markers.length === 1 && isNaN(originLat)) {
      map.setView(markers[0].getLatLng(), Number(container.getAttribute("data-zoom")) || 14);
    } else {
      map.fitBounds(bounds, { padding: [28, 28], maxZoom: 14 });
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
