// Hash history: the app is served from a file-like origin (Electron scheme or the browser host)
// and must not depend on server-side routes. Each view names what its user must be allowed to
// do; a view the signed-in role may not use sends them to the first one it may.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Permission } from '../../../shared/api/permissions.ts';
import type { NavIconName } from '../components/NavIcon.vue';
import { useSessionStore } from '../stores/session.ts';
import AccessRequestsView from '../views/AccessRequestsView.vue';
import ApprovalsView from '../views/ApprovalsView.vue';
import AuditView from '../views/AuditView.vue';
import CasesView from '../views/CasesView.vue';
import ExportView from '../views/ExportView.vue';
import LibraryView from '../views/LibraryView.vue';
import PlayerView from '../views/PlayerView.vue';
import RetentionView from '../views/RetentionView.vue';
import SettingsView from '../views/SettingsView.vue';
import UsersView from '../views/UsersView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the view's name, used for the window title. */
    titleKey?: string;
    /** The view shows the station status and its own load errors; the shell need not repeat them. */
    showsStatus?: boolean;
    /** The view is for roles with any of these permissions. */
    permissions?: Permission[];
    /** The view's icon in the navigation. */
    icon?: NavIconName;
  }
}

/** The views in the order the navigation lists them; the first one a role may use is its home. */
export const views = [
  { path: '/library', name: 'library', component: LibraryView, meta: { icon: 'library', titleKey: 'nav.library', showsStatus: true, permissions: ['library.read'] } },
  { path: '/cases', name: 'cases', component: CasesView, meta: { icon: 'cases', titleKey: 'nav.cases', permissions: ['cases.read'] } },
  { path: '/player', name: 'player', component: PlayerView, meta: { icon: 'player', titleKey: 'nav.player', permissions: ['footage.view'] } },
  { path: '/exports', name: 'exports', component: ExportView, meta: { icon: 'export', titleKey: 'nav.export', permissions: ['exports.read', 'exports.read-training'] } },
  { path: '/approvals', name: 'approvals', component: ApprovalsView, meta: { icon: 'approvals', titleKey: 'nav.approvals', permissions: ['approvals.read'] } },
  { path: '/access-requests', name: 'access-requests', component: AccessRequestsView, meta: { icon: 'access-requests', titleKey: 'nav.accessRequests', permissions: ['access-requests.read'] } },
  { path: '/audit', name: 'audit', component: AuditView, meta: { icon: 'audit', titleKey: 'nav.audit', permissions: ['audit.read'] } },
  { path: '/retention', name: 'retention', component: RetentionView, meta: { icon: 'retention', titleKey: 'nav.retention', permissions: ['retention.read'] } },
  { path: '/users', name: 'users', component: UsersView, meta: { icon: 'users', titleKey: 'nav.users', permissions: ['users.manage'] } },
  { path: '/settings', name: 'settings', component: SettingsView, meta: { icon: 'settings', titleKey: 'nav.settings', showsStatus: true, permissions: ['settings.change'] } },
] satisfies (RouteRecordRaw & { meta: { icon: NavIconName; titleKey: string; permissions: Permission[] } })[];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => home() },
  ...views,
  { path: '/clips/:id', name: 'clip', component: PlayerView, meta: { titleKey: 'nav.player', permissions: ['footage.view'] } },
  { path: '/export', redirect: '/exports' },
  { path: '/:unknown(.*)*', redirect: () => home() },
];

function allowed(permissions: Permission[] | undefined): boolean {
  const session = useSessionStore();
  return !permissions || permissions.some((permission) => session.may(permission));
}

/** The first view the signed-in role may use. */
function home(): string {
  return views.find((view) => allowed(view.meta.permissions))?.path ?? '/library';
}

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
});

// Before anyone is signed in the shell is not shown, so there is nothing to redirect.
router.beforeEach((to) => !useSessionStore().signedIn || allowed(to.meta.permissions) || to.path === home() || home());

/** Once someone is signed in: a view their role may not use gives way to their home view. */
export async function settleRoute(): Promise<void> {
  if (!allowed(router.currentRoute.value.meta.permissions)) await router.replace(home());
}
