// Shows the charts of a stored attribution run, curve fit and budget plan, in English or
// Simplified Chinese. The choice is kept in the URL: ?lang=zh-CN&attribution=ID&fit=ID&plan=ID.
// The API needs a bearer token: it is typed into the token field or passed once as #token=...
// (a fragment, which the browser never sends to a server), and kept in sessionStorage only.
(function () {
  'use strict';

  const TEXT = {
    'en': {
      title: 'ChannelMind optimizer',
      intro: 'Charts of a stored attribution run, curve fit and budget plan.',
      attribution: 'Attribution by model',
      run: 'Attribution run',
      measure: 'Measure',
      conversions: 'Conversions',
      value: 'Conversion value',
      curves: 'Response curves of a fit',
      fitLabel: 'Curve fit',
      plan: 'Budget plan',
      planLabel: 'Plan',
      none: 'Nothing stored yet.',
      failed: 'Failed to load the chart: ',
      tokenLabel: 'Bearer token',
      tokenHint: 'Any role may view the charts; ./channelmind token --role viewer prints one.',
      unauthorized: 'The API rejected the token (401 or 403): enter a valid token above. '
    },
    'zh-CN': {
      title: 'ChannelMind 渠道优化',
      intro: '已保存的归因结果、响应曲线拟合和预算方案的图表。',
      attribution: '各归因模型结果',
      run: '归因结果',
      measure: '度量',
      conversions: '转化数',
      value: '转化价值',
      curves: '拟合的响应曲线',
      fitLabel: '曲线拟合',
      plan: '预算方案',
      planLabel: '方案',
      none: '尚无保存的记录。',
      failed: '图表加载失败：',
      tokenLabel: 'Bearer 令牌',
      tokenHint: '任何角色都可以查看图表；./channelmind token --role viewer 可打印一个令牌。',
      unauthorized: 'API 拒绝了令牌（401 或 403）：请在上方输入有效的令牌。'
    }
  };

  const params = new URLSearchParams(window.location.search);
  let lang = params.get('lang') === 'zh-CN' ? 'zh-CN' : 'en';

  const TOKEN_KEY = 'channelmind.token';
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  if (fragment.get('token')) {
    window.sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }

  function text(key) {
    return TEXT[lang][key];
  }

  function authorised(headers) {
    const token = window.sessionStorage.getItem(TOKEN_KEY);
    return token ? Object.assign({ Authorization: 'Bearer ' + token }, headers) : headers;
  }

  function failure(response, url) {
    const rejected = response.status === 401 || response.status === 403;
    return (rejected ? text('unauthorized') : text('failed')) + response.status + ' ' + url;
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = text('title');
    document.querySelectorAll('[data-text]').forEach(function (element) {
      element.textContent = text(element.dataset.text);
    });
    document.querySelectorAll('nav button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
    });
  }

  function saveChoice() {
    const query = new URLSearchParams();
    query.set('lang', lang);
    ['attribution', 'fit', 'plan'].forEach(function (name) {
      const value = document.querySelector('select[name="' + name + '"]').value;
      if (value) {
        query.set(name, value);
      }
    });
    window.history.replaceState(null, '', '?' + query.toString());
  }

  function message(container, cssClass, content) {
    const paragraph = document.createElement('p');
    paragraph.className = cssClass;
    paragraph.textContent = content;
    container.replaceChildren(paragraph);
  }

  // Inserts the SVG as elements rather than as an image, so the marks can be inspected.
  async function showChart(container, url) {
    try {
      const response = await fetch(url, { headers: authorised({ Accept: 'image/svg+xml' }) });
      if (!response.ok) {
        message(container, 'error', failure(response, url));
        return;
      }
      const parsed = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
      if (parsed.getElementsByTagName('parsererror').length > 0) {
        message(container, 'error', text('failed') + url);
        return;
      }
      container.replaceChildren(document.importNode(parsed.documentElement, true));
    } catch (error) {
      message(container, 'error', text('failed') + error);
    }
  }

  async function fillSelect(name, listUrl) {
    const select = document.querySelector('select[name="' + name + '"]');
    const response = await fetch(listUrl, { headers: authorised({ Accept: 'application/json' }) });
    const items = response.ok ? await response.json() : [];
    const requested = params.get(name);
    if (requested && !items.some(function (item) { return item.id === requested; })) {
      items.unshift({ id: requested, name: null, createdAt: null });
    }
    select.replaceChildren();
    items.forEach(function (item) {
      const option = document.createElement('option');
      option.value = item.id;
      option.textContent = (item.name || item.id) + (item.createdAt ? ' (' + item.createdAt.slice(0, 16) + ')' : '');
      select.appendChild(option);
    });
    if (requested) {
      select.value = requested;
    }
  }

  function render() {
    const language = '?lang=' + encodeURIComponent(lang);
    const attribution = document.querySelector('select[name="attribution"]').value;
    const measure = document.querySelector('select[name="measure"]').value;
    const fit = document.querySelector('select[name="fit"]').value;
    const plan = document.querySelector('select[name="plan"]').value;
    const tasks = [];
    const attributionChart = document.querySelector('#attribution .chart');
    const fitChart = document.querySelector('#fit .chart');
    const planCharts = [document.querySelector('#plan .allocation'), document.querySelector('#plan .curves')];

    if (attribution) {
      tasks.push(showChart(attributionChart, '/api/v1/attribution/' + encodeURIComponent(attribution) + '/chart.svg'
          + language + '&measure=' + measure));
    } else {
      message(attributionChart, 'empty', text('none'));
    }
    if (fit) {
      tasks.push(showChart(fitChart, '/api/v1/curve-fits/' + encodeURIComponent(fit) + '/curves.svg' + language));
    } else {
      message(fitChart, 'empty', text('none'));
    }
    if (plan) {
      tasks.push(showChart(planCharts[0], '/api/v1/plans/' + encodeURIComponent(plan) + '/chart.svg' + language));
      tasks.push(showChart(planCharts[1], '/api/v1/plans/' + encodeURIComponent(plan) + '/curves.svg' + language));
    } else {
      planCharts.forEach(function (container) { message(container, 'empty', text('none')); });
    }
    saveChoice();
    return Promise.all(tasks).then(function () {
      document.body.dataset.rendered = 'true';
    });
  }

  function fillSelects() {
    return Promise.all([
      fillSelect('attribution', '/api/v1/attribution'),
      fillSelect('fit', '/api/v1/curve-fits'),
      fillSelect('plan', '/api/v1/plans')
    ]);
  }

  async function start() {
    applyLanguage();
    const tokenField = document.querySelector('input[name="token"]');
    tokenField.value = window.sessionStorage.getItem(TOKEN_KEY) || '';
    tokenField.addEventListener('change', async function () {
      window.sessionStorage.setItem(TOKEN_KEY, tokenField.value.trim());
      await fillSelects();
      await render();
    });
    await fillSelects();
    document.querySelectorAll('select').forEach(function (select) {
      select.addEventListener('change', render);
    });
    document.querySelectorAll('nav button').forEach(function (button) {
      button.addEventListener('click', function () {
        lang = button.dataset.lang;
        applyLanguage();
        render();
      });
    });
    await render();
  }

  start();
})();
