// Who is signed in at this window, and what their role may do. The shell shows the first-start
// setup, the sign-in, the lock screen or the app from `state`; views and menus ask `may` so they
// only offer what the core would allow (the core checks every call itself).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionState, SetupRequest, SignInRequest } from '../../../shared/api/accounts.ts';
import { mayDo, type Permission } from '../../../shared/api/permissions.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';

export const useSessionStore = defineStore('session', () => {
  const state = ref<SessionState | null>(null);
  const loadError = ref<ApiError | null>(null);
  const busy = ref(false);

  const signedIn = computed(() => (state.value?.state === 'signed-in' || state.value?.state === 'locked' ? state.value : null));

  function may(permission: Permission): boolean {
    return signedIn.value !== null && mayDo(signedIn.value.role, permission);
  }

  async function settle(call: Promise<Result<SessionState>>): Promise<Result<SessionState>> {
    busy.value = true;
    const result = await call;
    busy.value = false;
    if (result.ok) state.value = result.value;
    return result;
  }

  async function load(): Promise<void> {
    const result = await settle(api.session.state({}));
    loadError.value = result.ok ? null : result.error;
  }

  const setup = (request: SetupRequest) => settle(api.session.setup(request));
  const signIn = (request: SignInRequest) => settle(api.session.signIn(request));
  const signOut = () => settle(api.session.signOut({}));
  const lock = () => settle(api.session.lock({}));
  const unlock = (password: string) => settle(api.session.unlock({ password }));

  return { state, loadError, busy, signedIn, may, load, setup, signIn, signOut, lock, unlock };
});
