// Hash history: the app is served from a file-like origin (Electron scheme or the browser host)
// and must not depend on server-side routes.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import AuditView from '../views/AuditView.vue';
import ExportView from '../views/ExportView.vue';
import LibraryView from '../views/LibraryView.vue';
import PlayerView from '../views/PlayerView.vue';
import SettingsView from '../views/SettingsView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the view's name, used for the window title. */
    titleKey?: string;
    /** The view shows the station status and its own load errors; the shell need not repeat them. */
    showsStatus?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/library' },
  { path: '/library', name: 'library', component: LibraryView, meta: { titleKey: 'nav.library', showsStatus: true } },
  { path: '/player', name: 'player', component: PlayerView, meta: { titleKey: 'nav.player' } },
  { path: '/clips/:id', name: 'clip', component: PlayerView, meta: { titleKey: 'nav.player' } },
  { path: '/exports', name: 'exports', component: ExportView, meta: { titleKey: 'nav.export' } },
  { path: '/export', redirect: '/exports' },
  { path: '/audit', name: 'audit', component: AuditView, meta: { titleKey: 'nav.audit' } },
  { path: '/settings', name: 'settings', component: SettingsView, meta: { titleKey: 'nav.settings', showsStatus: true } },
  { path: '/:unknown(.*)*', redirect: '/library' },
];

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
});
