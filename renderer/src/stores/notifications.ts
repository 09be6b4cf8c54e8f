// Short confirmations and failures shown as toasts. Messages are i18n keys, so an open toast
// follows a language switch.
import { defineStore } from 'pinia';
import { ref } from 'vue';

/** A way on from a toast: a link to a view of the app. */
export interface ToastLink {
  to: string;
  labelKey: string;
}

export interface Toast {
  id: number;
  kind: 'success' | 'error';
  messageKey: string;
  /** Extra text shown as is, e.g. the service's error message. */
  detail?: string;
  link?: ToastLink;
}

export const useNotificationsStore = defineStore('notifications', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function notify(kind: Toast['kind'], messageKey: string, detail?: string, link?: ToastLink): void {
    const toast: Toast = { id: nextId++, kind, messageKey };
    if (detail !== undefined) toast.detail = detail;
    if (link !== undefined) toast.link = link;
    toasts.value = [...toasts.value.slice(-3), toast];
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id);
  }

  return { toasts, notify, dismiss };
});
