// Renderer entry. Order matters: zod must be told not to probe `new Function` (the CSP forbids
// eval and Chromium would report the probe as a violation) before any schema parses.
import './zod-jitless.ts';
import './styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { router } from './router/index.ts';

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app');
