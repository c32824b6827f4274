/* sphinx-callposts: the recording facade. Nothing loads from YouTube until a click. */
(function () {
  "use strict";
  var HOST = "https://www.youtube-nocookie.com/embed/";
  var ALLOW = "accelerometer; autoplay; clipboard-write; encrypted-media; " +
    "gyroscope; picture-in-picture; web-share; fullscreen";
  document.addEventListener("click", function (event) {
    var poster = event.target.closest && event.target.closest("a.callposts-youtube-poster");
    if (!poster || event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var src = poster.getAttribute("data-embed") || "";
    if (src.indexOf(HOST) !== 0) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = poster.getAttribute("data-title") || "";
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("allow", ALLOW);
    frame.setAttribute("allowfullscreen", "");
    poster.replaceWith(frame);
    frame.focus();
  });
})();
