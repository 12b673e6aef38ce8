// tollwatch pages: maps (Leaflet, with a country-outline basemap when no tile URL is set) and claim details.
// Page data comes from <script type="application/json"> blocks and is only ever put into the page as text.
"use strict";

function incidentPopup(p, base) {
  const box = document.createElement("div");
  const link = document.createElement("a");
  link.href = base + "/incidents/" + encodeURIComponent(p.id);
  link.textContent = (p.place || "?") + (p.date ? ", " + p.date : "");
  box.appendChild(link);
  const line = document.createElement("div");
  line.textContent = (p.killed === null ? "no killed figure" : p.killed + " killed (best)") + " · " + p.grade;
  box.appendChild(line);
  return box;
}

function drawMap(el) {
  const points = JSON.parse(document.getElementById(el.dataset.source).textContent);
  const base = el.dataset.base || "";
  const map = L.map(el, { worldCopyJump: true });
  if (el.dataset.tiles) {
    // Leaflet puts attributions into the page as HTML; the setting is plain text, so escape it first.
    const attribution = document.createElement("span");
    attribution.textContent = el.dataset.attribution || "";
    L.tileLayer(el.dataset.tiles, { attribution: attribution.innerHTML, maxZoom: 18 }).addTo(map);
  } else {
    fetch(el.dataset.outline)
      .then((r) => r.json())
      .then((topo) => {
        const countries = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(countries, {
          interactive: false,
          style: { className: "tw-outline", color: "#8a9aa6", weight: 1, fillColor: "#f3f0e8", fillOpacity: 1 },
        }).addTo(map).bringToBack();
        el.dataset.outlineDrawn = "yes";
      });
  }
  const markers = L.featureGroup();
  for (const p of points) {
    L.circleMarker([p.lat, p.lon], {
      radius: p.radius, className: "tw-incident", color: "#8e1f18", weight: 1, fillColor: "#c0392b", fillOpacity: 0.6,
    }).bindPopup(incidentPopup(p, base)).addTo(markers);
  }
  markers.addTo(map);
  if (points.length) {
    map.fitBounds(markers.getBounds(), { maxZoom: Number(el.dataset.zoom || 6), padding: [30, 30] });
  } else {
    map.setView([20, 0], 2);
  }
}

function showClaim(index) {
  for (const m of document.querySelectorAll("mark.active")) m.classList.remove("active");
  for (const m of document.querySelectorAll("mark[data-claims]")) {
    if (m.dataset.claims.split(" ")[0] === String(index)) m.classList.add("active");
  }
  const fields = document.getElementById("fields-" + index);
  if (fields) {
    fields.open = true;
    fields.scrollIntoView({ block: "nearest" });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll("div.map[data-source]")) drawMap(el);
  for (const m of document.querySelectorAll("mark[data-claims]")) {
    // The innermost claim comes first: a click on nested highlights opens the most specific one.
    m.addEventListener("click", () => showClaim(m.dataset.claims.split(" ")[0]));
  }
  const anchor = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (anchor && anchor.dataset.claim) showClaim(anchor.dataset.claim);
});
