// The what-if page (sim serve): send the changed inputs, put the answer into the page's slots.
// Inputs carry data-key="ID.FIELD", data-mode="assume|center" and data-scale (100: typed in percent).
(function () {
  'use strict';
  var NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  var seq = 0, timer = null;
  var state = document.getElementById('state');
  var errorBox = document.getElementById('error');
  var lang = document.body.getAttribute('data-lang');

  function inputs() { return Array.prototype.slice.call(document.querySelectorAll('input[data-key]')); }

  // The request body: only inputs that differ from the scenario's value; a blank input means that value.
  function body() {
    var b = {assume: {}, center: {}};
    inputs().forEach(function (el) {
      var raw = el.value.trim().replace(/%$/, '');
      var changed = raw !== '' && raw !== el.defaultValue.trim();
      el.classList.toggle('changed', changed);
      if (!changed) { return; }
      var value = raw;                     // not a number: sent as typed, the server names the error
      if (NUMBER.test(raw)) {
        value = Number(raw);
        if (el.getAttribute('data-scale') === '100') { value = Number((value / 100).toPrecision(12)); }
      }
      b[el.getAttribute('data-mode')][el.getAttribute('data-key')] = value;
    });
    return b;
  }

  function clearErrors() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    document.querySelectorAll('[data-error-for]').forEach(function (e) { e.hidden = true; e.textContent = ''; });
    inputs().forEach(function (el) { el.classList.remove('bad'); });
  }

  function showError(err) {
    var text = err.message + (err.hint ? ' (' + err.hint + ')' : '');
    var box = null;
    document.querySelectorAll('[data-error-for]').forEach(function (e) {
      if (e.getAttribute('data-error-for') === err.field) { box = e; }
    });
    if (box) {
      box.textContent = err.message;       // beside the input; the hint goes in the box at the top
      box.hidden = false;
      inputs().forEach(function (el) {
        if (el.getAttribute('data-key') === err.field) { el.classList.add('bad'); }
      });
    }
    errorBox.textContent = errorBox.getAttribute('data-title') + ' ' + (err.field ? err.field + ': ' : '') + text;
    errorBox.hidden = false;
  }

  function apply(answer) {
    Object.keys(answer.slots).forEach(function (name) {
      var el = document.querySelector('[data-slot="' + name + '"]');
      if (el && el.innerHTML !== answer.slots[name]) { el.innerHTML = answer.slots[name]; }
    });
    Object.keys(answer.status).forEach(function (name) {
      var el = document.querySelector('[data-slot="' + name + '"]');
      if (el) { el.setAttribute('data-status', answer.status[name]); }
    });
  }

  function post(url, payload) {
    return fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                       body: JSON.stringify(payload)});
  }

  function update() {
    var mine = ++seq, started = performance.now();
    document.body.classList.add('busy');
    state.textContent = state.getAttribute('data-busy');
    post('api/view?lang=' + lang, body()).then(function (r) {
      return r.json().then(function (answer) { return {ok: r.ok, answer: answer}; });
    }).then(function (res) {
      if (mine !== seq) { return; }        // a newer request is on its way
      document.body.classList.remove('busy');
      clearErrors();
      if (!res.ok) { showError(res.answer.error); state.textContent = ''; return; }
      apply(res.answer);
      state.textContent = state.getAttribute('data-elapsed')
        .replace('{ms}', String(Math.round(performance.now() - started)));
      document.body.setAttribute('data-updated', String(mine));
    }).catch(function (e) {
      if (mine !== seq) { return; }
      document.body.classList.remove('busy');
      showError({message: String(e), field: null});
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  }

  function download(button) {
    var kind = button.getAttribute('data-download');
    var url = kind === 'scenario' ? 'api/scenario?lang=' + lang : 'api/report?format=' + kind + '&lang=' + lang;
    post(url, body()).then(function (r) {
      if (!r.ok) { return r.json().then(function (a) { clearErrors(); showError(a.error); }); }
      return r.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = button.getAttribute('data-filename');
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
    });
  }

  inputs().forEach(function (el) {
    el.addEventListener('input', later);
    el.addEventListener('change', function () { clearTimeout(timer); update(); });
  });
  document.getElementById('reset').addEventListener('click', function () {
    inputs().forEach(function (el) { el.value = el.defaultValue; });
    update();
  });
  document.querySelectorAll('button[data-download]').forEach(function (b) {
    b.addEventListener('click', function () { download(b); });
  });
}());
