/* sphinx-callposts: the recording facade (nothing loads from YouTube until a click),
   and the times of upcoming calls in the reader's own zone. */
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

  // the page gives the site's zone; the reader's own is more useful to them
  var times = document.querySelectorAll("time.callpost-time[datetime]");
  if (!times.length || !window.Intl) return;
  var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    year: "numeric", month: "long", day: "numeric",
    hour: "numeric", minute: "2-digit", timeZoneName: "short"
  });
  Array.prototype.forEach.call(times, function (time) {
    var when = new Date(time.getAttribute("datetime"));
    if (isNaN(when.getTime())) return;
    time.setAttribute("title", time.textContent);
    time.textContent = format.format(when);
    time.classList.add("callpost-time-local");
  });
})();
