/*
 * The `kintone` global of kintone-local's pages: the part of Kintone's JavaScript API that
 * customizations use most, over the session the page was opened with. The page context (app,
 * user, request token) comes from the JSON block the server writes before this script.
 */
(function () {
  'use strict';

  var contextElement = document.getElementById('kintone-page-context');
  var context = contextElement ? JSON.parse(contextElement.textContent || '{}') : {};
  // Kintone switches a GET to POST with X-HTTP-Method-Override beyond 4 KB of URL.
  var MAX_GET_URL_LENGTH = 4096;
  var handlers = {};

  function isGuestPage() {
    return typeof context.guestSpaceId === 'number';
  }

  /** qs-style encoding: `fields[0]=a&record[title][value]=x`, as Kintone reads it. */
  function encodeParams(params) {
    var parts = [];
    function add(key, value) {
      if (value === undefined) return;
      if (value === null) {
        parts.push(encodeURIComponent(key) + '=');
      } else if (Array.isArray(value)) {
        value.forEach(function (item, i) {
          add(key + '[' + i + ']', item);
        });
      } else if (typeof value === 'object') {
        Object.keys(value).forEach(function (name) {
          add(key + '[' + name + ']', value[name]);
        });
      } else {
        parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(value)));
      }
    }
    Object.keys(params || {}).forEach(function (name) {
      add(name, params[name]);
    });
    return parts.join('&');
  }

  function apiUrl(path, isGuestSpace) {
    var name = String(path)
      .replace(/^\/k\/(guest\/\d+\/)?v1\//, '')
      .replace(/^\//, '');
    if (!/\.json$/.test(name)) name += '.json';
    var prefix =
      isGuestSpace && isGuestPage() ? '/k/guest/' + context.guestSpaceId + '/v1/' : '/k/v1/';
    return location.origin + prefix + name;
  }

  function parseResponse(response) {
    return response.text().then(function (text) {
      var body;
      try {
        body = text === '' ? {} : JSON.parse(text);
      } catch (e) {
        body = { message: text };
      }
      if (!response.ok) throw body;
      return body;
    });
  }

  function request(pathOrUrl, method, params) {
    var url = /^https?:/.test(pathOrUrl) ? pathOrUrl : new URL(pathOrUrl, location.origin).href;
    var headers = { 'X-Requested-With': 'XMLHttpRequest' };
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    var withToken = Object.assign({}, params || {}, { __REQUEST_TOKEN__: context.requestToken });

    if (method === 'GET') {
      var query = encodeParams(params);
      var getUrl = query ? url + '?' + query : url;
      if (getUrl.length <= MAX_GET_URL_LENGTH) return fetch(getUrl, init).then(parseResponse);
      init.method = 'POST';
      headers['X-HTTP-Method-Override'] = 'GET';
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(withToken);
      return fetch(url, init).then(parseResponse);
    }
    if (method === 'DELETE') {
      return fetch(url + '?' + encodeParams(withToken), init).then(parseResponse);
    }
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(withToken);
    return fetch(url, init).then(parseResponse);
  }

  function api(pathOrUrl, method, params, success, failure) {
    var upper = String(method).toUpperCase();
    var promise =
      ['GET', 'POST', 'PUT', 'DELETE'].indexOf(upper) < 0
        ? Promise.reject(new Error('kintone.api: unsupported method ' + method))
        : request(pathOrUrl, upper, params);
    if (typeof success !== 'function') return promise;
    promise.then(success, function (error) {
      if (typeof failure === 'function') failure(error);
    });
    return undefined;
  }
  api.url = apiUrl;
  api.urlForGet = function (path, params, isGuestSpace) {
    var query = encodeParams(params);
    return apiUrl(path, isGuestSpace) + (query ? '?' + query : '');
  };

  function on(types, handler) {
    (Array.isArray(types) ? types : [types]).forEach(function (type) {
      (handlers[type] = handlers[type] || []).push(handler);
    });
  }

  function off(types, handler) {
    if (types === undefined) {
      handlers = {};
      return true;
    }
    (Array.isArray(types) ? types : [types]).forEach(function (type) {
      handlers[type] = handler ? (handlers[type] || []).filter((h) => h !== handler) : [];
    });
    return true;
  }

  /** Runs handlers in order; a handler may return a new event, or a thenable of one. */
  function fire(type, event) {
    return (handlers[type] || []).reduce(function (previous, handler) {
      return previous.then(function (current) {
        return Promise.resolve(handler(current)).then(function (result) {
          return result && typeof result === 'object' ? result : current;
        });
      });
    }, Promise.resolve(event));
  }

  function recordIdFromHash() {
    var match = /(?:^#|&)record=(\d+)/.exec(location.hash);
    return match ? Number(match[1]) : null;
  }

  window.kintone = {
    Promise: Promise,
    api: api,
    getRequestToken: function () {
      return context.requestToken;
    },
    getLoginUser: function () {
      return Object.assign({}, context.loginUser);
    },
    getUiVersion: function () {
      return 2;
    },
    events: { on: on, off: off },
    app: {
      getId: function () {
        return typeof context.appId === 'number' ? context.appId : null;
      },
      getHeaderMenuSpaceElement: function () {
        return document.getElementById('kl-header-menu-space');
      },
      getHeaderSpaceElement: function () {
        return document.getElementById('kl-header-space');
      },
      record: {
        getId: function () {
          return context.page === 'detail' ? recordIdFromHash() : null;
        },
      },
    },
  };

  // ---- The page itself: the record list and the record page, read through kintone.api ----

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function display(field) {
    if (!field) return '';
    var value = field.value;
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) {
      return value
        .map(function (v) {
          return typeof v === 'object' && v ? v.name || v.code || JSON.stringify(v) : String(v);
        })
        .join(', ');
    }
    if (typeof value === 'object') return value.name || value.code || JSON.stringify(value);
    return String(value);
  }

  function visibleFields(properties) {
    var hidden = ['__ID__', '__REVISION__', 'RECORD_NUMBER', 'CREATOR', 'MODIFIER', 'STATUS'];
    hidden.push('STATUS_ASSIGNEE', 'CATEGORY', 'CREATED_TIME', 'UPDATED_TIME', 'SUBTABLE');
    return Object.keys(properties)
      .map(function (code) {
        return properties[code];
      })
      .filter(function (p) {
        return hidden.indexOf(p.type) < 0;
      });
  }

  function showError(target, error) {
    target.className = 'kl-error';
    target.textContent = (error && error.message) || String(error);
  }

  function appUrl() {
    return isGuestPage()
      ? '/k/guest/' + context.guestSpaceId + '/' + context.appId + '/'
      : '/k/' + context.appId + '/';
  }

  function renderIndex() {
    var target = document.getElementById('kl-record-list');
    var guest = isGuestPage();
    return Promise.all([
      api(apiUrl('app/form/fields', guest), 'GET', { app: context.appId }),
      api(apiUrl('records', guest), 'GET', {
        app: context.appId,
        query: 'order by $id desc limit 100',
      }),
    ])
      .then(function (results) {
        var fields = visibleFields(results[0].properties).slice(0, 6);
        var records = results[1].records;
        var table = el('table', 'kl-table');
        var head = el('tr');
        head.appendChild(el('th', 'kl-col-id', '#'));
        fields.forEach(function (f) {
          head.appendChild(el('th', '', f.label));
        });
        table.appendChild(el('thead')).appendChild(head);
        var body = table.appendChild(el('tbody'));
        records.forEach(function (record) {
          var row = el('tr');
          var idCell = row.appendChild(el('td', 'kl-col-id'));
          var link = idCell.appendChild(el('a', '', record.$id.value));
          link.href = appUrl() + 'show#record=' + record.$id.value;
          fields.forEach(function (f) {
            row.appendChild(el('td', '', display(record[f.code])));
          });
          body.appendChild(row);
        });
        target.className = '';
        target.textContent = '';
        var count = el(
          'p',
          'kl-count',
          records.length + ' ' + ((context.texts && context.texts.records) || 'records'),
        );
        target.appendChild(count);
        target.appendChild(table);
        return fire('app.record.index.show', {
          type: 'app.record.index.show',
          appId: context.appId,
          viewType: 'list',
          viewId: null,
          viewName: '(All records)',
          records: records,
          offset: 0,
          size: records.length,
          date: null,
        });
      })
      .catch(function (error) {
        showError(target, error);
      });
  }

  function renderDetail() {
    var target = document.getElementById('kl-record-detail');
    var guest = isGuestPage();
    var id = recordIdFromHash();
    return Promise.all([
      api(apiUrl('app/form/fields', guest), 'GET', { app: context.appId }),
      api(apiUrl('record', guest), 'GET', { app: context.appId, id: id }),
    ])
      .then(function (results) {
        var record = results[1].record;
        var list = el('dl', 'kl-fields');
        visibleFields(results[0].properties).forEach(function (f) {
          var item = el('div', 'kl-field');
          item.appendChild(el('dt', '', f.label));
          var value = item.appendChild(el('dd', '', display(record[f.code])));
          value.setAttribute('data-field-code', f.code);
          list.appendChild(item);
        });
        target.className = '';
        target.textContent = '';
        target.appendChild(el('h2', 'kl-record-title', '#' + id));
        target.appendChild(list);
        return fire('app.record.detail.show', {
          type: 'app.record.detail.show',
          appId: context.appId,
          recordId: id,
          record: record,
        });
      })
      .catch(function (error) {
        showError(target, error);
      });
  }

  // Customizations load after this script and register their handlers before the page loads.
  window.addEventListener('DOMContentLoaded', function () {
    if (context.page === 'index') renderIndex();
    if (context.page === 'detail') renderDetail();
  });
})();
