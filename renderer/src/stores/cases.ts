// Cases (Vorgänge): the ones the signed-in user may see, the people a supervisor can name to work
// on one, and each change answered with the case as the core stored it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CaseFile, CasePerson, NewCase } from '../../../shared/api/cases.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';

export const useCasesStore = defineStore('cases', () => {
  const cases = ref<CaseFile[]>([]);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  const people = ref<CasePerson[]>([]);

  async function load(): Promise<void> {
    const result = await api.cases.list({});
    loaded.value = true;
    if (result.ok) cases.value = result.value;
    error.value = result.ok ? null : result.error;
  }

  /** Supervisors only: who can be named to work on a case. */
  async function loadPeople(): Promise<Result<CasePerson[]>> {
    const result = await api.cases.people({});
    if (result.ok) people.value = result.value;
    return result;
  }

  async function settle(call: Promise<Result<CaseFile>>): Promise<Result<CaseFile>> {
    const result = await call;
    if (result.ok) {
      const changed = result.value;
      const known = cases.value.some((file) => file.reference === changed.reference);
      cases.value = known ? cases.value.map((file) => (file.reference === changed.reference ? changed : file)) : [changed, ...cases.value];
    }
    return result;
  }

  return {
    cases,
    loaded,
    error,
    people,
    load,
    loadPeople,
    create: (request: NewCase) => settle(api.cases.create(request)),
    addClip: (reference: string, clipId: number) => settle(api.cases.addClip({ reference, clipId })),
    removeClip: (reference: string, clipId: number) => settle(api.cases.removeClip({ reference, clipId })),
    setMembers: (reference: string, usernames: string[]) => settle(api.cases.setMembers({ reference, usernames })),
  };
});
