// Review proxies (H.264 copies of clips the renderer cannot play), keyed by the original's
// SHA-256: their state from `proxy.progress` events and requests to make one now.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ProxyState } from '../../../shared/api/library.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';

export const useProxiesStore = defineStore('proxies', () => {
  const states = ref<Record<string, ProxyState>>({});
  const requestError = ref<ApiError | null>(null);

  function receive(state: ProxyState): void {
    states.value = { ...states.value, [state.sha256]: state };
  }

  /** Asks for the clip's proxy ahead of background work; answers with its state at once. */
  async function request(clipId: number): Promise<void> {
    const result = await api.library.proxy({ clipId });
    if (result.ok) {
      requestError.value = null;
      receive(result.value);
    } else {
      requestError.value = result.error;
    }
  }

  return { states, requestError, receive, request };
});
