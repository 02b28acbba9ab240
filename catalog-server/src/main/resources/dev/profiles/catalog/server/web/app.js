// Progressive enhancement for the catalog UI; every page works without this file.
// It never inserts text as HTML except pages this server rendered (and escaped) itself.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // Search as you type: fetch the same page for the new query and swap its results in.
  var form = document.querySelector('form[data-live-search]');
  var results = document.getElementById('results');
  if (form && results) {
    var timer = null;
    var seq = 0;
    var update = function () {
      var params = new URLSearchParams(new FormData(form));
      if (!params.get('q')) { params.delete('q'); }
      if (!params.get('source')) { params.delete('source'); }
      var qs = params.toString();
      var url = '/' + (qs ? '?' + qs : '');
      var mine = ++seq;
      fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (mine !== seq) { return; }
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var fresh = doc.getElementById('results');
          if (!fresh) { return; }
          results.replaceChildren.apply(results, Array.prototype.map.call(fresh.childNodes,
            function (n) { return document.importNode(n, true); }));
          results.setAttribute('data-query', params.get('q') || '');
          history.replaceState(null, '', url);
        })
        .catch(function () { /* keep the current results; the form still submits */ });
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    });
    form.addEventListener('change', update);
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); update(); });
  }

  // "/" focuses the search box, as on most catalog sites.
  document.addEventListener('keydown', function (e) {
    var q = document.getElementById('q');
    if (e.key === '/' && q && document.activeElement !== q &&
        !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      e.preventDefault();
      q.focus();
    }
  });

  // Toggles submit themselves; their Apply button is only for browsers without this script.
  Array.prototype.forEach.call(document.querySelectorAll('[data-autosubmit]'), function (box) {
    box.addEventListener('change', function () { box.form.submit(); });
  });

  // Copy buttons: shown only when this script runs.
  var fallbackCopy = function (text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (ignored) { ok = false; }
    document.body.removeChild(area);
    return ok;
  };
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (btn) {
    var target = document.getElementById(btn.getAttribute('data-copy'));
    if (!target) { return; }
    btn.hidden = false;
    var done = function (ok) {
      btn.textContent = ok ? 'Copied' : 'Press Ctrl+C';
      btn.classList.toggle('copied', ok);
      if (ok) { btn.setAttribute('data-copied', 'true'); }
      btn.setAttribute('aria-live', 'polite');
      setTimeout(function () { btn.textContent = 'Copy'; btn.classList.remove('copied'); }, 4000);
    };
    btn.addEventListener('click', function () {
      var text = target.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); },
          function () { done(fallbackCopy(text)); });
      } else {
        done(fallbackCopy(text));
      }
    });
  });
})();
