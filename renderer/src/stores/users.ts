// The station's accounts for the administrator: the list, and each change answered with the
// account as the core stored it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AccountChange, NewAccount, UserAccount } from '../../../shared/api/accounts.ts';
import type { ApiError, Result } from '../../../shared/api/result.ts';
import { api } from '../api/index.ts';

export const useUsersStore = defineStore('users', () => {
  const accounts = ref<UserAccount[]>([]);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(): Promise<void> {
    const result = await api.users.list({});
    loaded.value = true;
    if (result.ok) accounts.value = result.value;
    error.value = result.ok ? null : result.error;
  }

  async function settle(call: Promise<Result<UserAccount>>): Promise<Result<UserAccount>> {
    const result = await call;
    if (result.ok) {
      const others = accounts.value.filter((account) => account.username !== result.value.username);
      accounts.value = [...others, result.value].sort((a, b) => a.username.localeCompare(b.username));
    }
    return result;
  }

  return {
    accounts,
    loaded,
    error,
    load,
    create: (account: NewAccount) => settle(api.users.create(account)),
    update: (change: AccountChange) => settle(api.users.update(change)),
    resetPassword: (username: string, password: string) => settle(api.users.resetPassword({ username, password })),
    unlock: (username: string) => settle(api.users.unlock({ username })),
  };
});
