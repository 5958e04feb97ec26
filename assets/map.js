// Progressive enhancement: a map to drop a pin on, beside "Where is it?". The form works
// without it; the pin only fills the hidden lat and lng fields. Leaflet is vendored
// (npm run build:assets copies it here), so nothing loads from another site but tiles.
(function () {
  'use strict'
  var box = document.getElementById('location-map')
  var lat = document.getElementById('lat')
  var lng = document.getElementById('lng')
  if (!box || !lat || !lng || !window.L) return
  var group = document.getElementById('map-group')
  var status = document.getElementById('map-status')
  var clear = document.getElementById('map-clear')
  group.hidden = false

  var pinned = lat.value !== '' && lng.value !== ''
  var start = pinned ? [Number(lat.value), Number(lng.value)] : [Number(box.dataset.lat), Number(box.dataset.lng)]
  var map = window.L.map(box).setView(start, pinned ? 17 : 13)
  window.L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map)
  window.L.Icon.Default.imagePath = '/assets/'
  var marker = null

  function place (point) {
    if (marker) marker.setLatLng(point)
    else marker = window.L.marker(point, { keyboard: false }).addTo(map)
    lat.value = point.lat.toFixed(6)
    lng.value = point.lng.toFixed(6)
    status.textContent = (box.dataset.dropped || 'Pin dropped at {place}.').replace('{place}', lat.value + ', ' + lng.value)
    clear.hidden = false
  }

  map.on('click', function (event) { place(event.latlng) })
  clear.addEventListener('click', function () {
    if (marker) map.removeLayer(marker)
    marker = null
    lat.value = ''
    lng.value = ''
    status.textContent = box.dataset.removed || 'The pin was removed.'
    clear.hidden = true
  })
  if (pinned) place(window.L.latLng(start[0], start[1]))
})()
