// Data subjects' access requests (Auskunftsersuchen): the list, recording a new one (the core
// finds the clips) and deciding one, each answered with the request as the core stored it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AccessRequest, AccessRequestDecision, NewAccessRequest } from '../../../shared/api/access-requests.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';

export const useAccessRequestsStore = defineStore('access-requests', () => {
  const requests = ref<AccessRequest[]>([]);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(): Promise<void> {
    const result = await api.accessRequests.list({});
    loaded.value = true;
    if (result.ok) requests.value = result.value;
    error.value = result.ok ? null : result.error;
  }

  async function settle(call: Promise<Result<AccessRequest>>): Promise<Result<AccessRequest>> {
    const result = await call;
    if (result.ok) {
      const others = requests.value.filter((request) => request.id !== result.value.id);
      requests.value = [result.value, ...others].sort((a, b) => b.id - a.id);
    }
    return result;
  }

  return {
    requests,
    loaded,
    error,
    load,
    create: (request: NewAccessRequest) => settle(api.accessRequests.create(request)),
    decide: (decision: AccessRequestDecision) => settle(api.accessRequests.decide(decision)),
  };
});
