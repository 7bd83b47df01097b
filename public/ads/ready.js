// Tells the page holding this creative that it has rendered. The page counts the impression and
// shows the creative only then: a creative that fails to load never replaces the house fallback.
window.addEventListener('load', function () {
  window.parent.postMessage({ type: 'dispatch:creative-ready' }, '*')
})
