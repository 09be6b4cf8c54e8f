// The station's status (app.status): version, host, station drive, tools, schema, offline state.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiError } from '../../../shared/api/result.ts';
import type { AppStatus } from '../../../shared/api/status.ts';
import { api } from '../api/index.ts';

export const useStatusStore = defineStore('status', () => {
  const status = ref<AppStatus | null>(null);
  const error = ref<ApiError | null>(null);
  const loading = ref(false);
  let latestRequest = 0;

  async function load(): Promise<void> {
    const request = ++latestRequest;
    loading.value = true;
    const result = await api.app.status({});
    if (request !== latestRequest) return;
    loading.value = false;
    if (result.ok) {
      status.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  return { status, error, loading, load };
});
