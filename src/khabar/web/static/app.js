// khabar pages: small enhancements only; every page works without this script.
// Bring the cited sentence (the URL's #s-N or #hl) to the middle of the screen and flash it.
(function () {
  "use strict";
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    var sentence = el.classList.contains("s") ? el : el.closest(".s");
    if (sentence) {
      sentence.classList.remove("flash");
      void sentence.offsetWidth; // restart the animation
      sentence.classList.add("flash");
    }
  }
  window.addEventListener("hashchange", reveal);
  document.addEventListener("DOMContentLoaded", reveal);
})();
