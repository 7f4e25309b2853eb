import { App } from 'antd';
import { useEffect, useRef } from 'react';

/** What a click may navigate away through: links, the side menu, the user menu, the header's home link. */
const NAVIGATING =
  'a[href]:not([download]):not([target="_blank"]), .ant-menu-item, .ant-dropdown-menu-item, [data-leave-guard]';

function leavingTarget(event: MouseEvent): Element | null {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  if (!(event.target instanceof Element)) return null;
  const hit = event.target.closest(NAVIGATING);
  if (hit) return hit;
  // The header's district name and logo go home (a click handler, not a link).
  const header = event.target.closest('.ant-layout-header > .ant-flex');
  return header?.querySelector('.wx-header-logo') ? header : null;
}

/** The marker of the history entry that stands in front of the page while it has unsaved edits. */
const GUARD_MARK = 'wxLeaveGuard';

/** Set while the guard's own step back (after a save) is on its way: that pop is not the user leaving. */
let ownStepBack = false;

/** Pushes the guard entry (the same address, marked) in front of the page. */
function standInFront(): void {
  window.history.pushState({ ...window.history.state, [GUARD_MARK]: true }, '');
}

function onGuardEntry(): boolean {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && GUARD_MARK in state;
}

/** Steps back off the guard entry onto the page's own entry (the same address): Back then leaves at once. */
function stepOffGuard(): void {
  ownStepBack = true;
  window.addEventListener('popstate', () => setTimeout(() => (ownStepBack = false)), { once: true });
  window.history.back();
}

/**
 * Asks before unsaved edits are lost: the browser's own prompt on reload or closing the tab, and a confirm
 * dialog on a click that would navigate inside the app (links, menus, the header) or on the browser's Back
 * button. The app uses a plain BrowserRouter, which cannot block a navigation, so the click is held back in the
 * capture phase and replayed once the user chooses to leave; for Back, an extra history entry of the same
 * address stands in front of the page while it is dirty: Back lands on the page itself (nothing changes on
 * screen), the entry is put back, and the question asked — leaving goes back once more.
 */
export function useLeaveGuard(
  dirty: boolean,
  texts: { title: string; body: string; ok: string; cancel: string },
) {
  const { modal } = App.useApp();
  const replaying = useRef(false);
  const asking = useRef(false);
  const latest = useRef(texts);
  latest.current = texts;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    /** Asks once at a time whether to leave; `leave` runs when the user chooses to. */
    const ask = (leave: () => void) => {
      if (asking.current) return;
      asking.current = true;
      const { title, body, ok, cancel } = latest.current;
      modal.confirm({
        title,
        content: body,
        okText: ok,
        cancelText: cancel,
        okButtonProps: { danger: true },
        onOk: () => {
          asking.current = false;
          leave();
        },
        onCancel: () => {
          asking.current = false;
        },
      });
    };
    const onClick = (event: MouseEvent) => {
      if (replaying.current) return;
      const target = leavingTarget(event);
      if (!target) return;
      event.preventDefault();
      event.stopPropagation();
      ask(() => {
        replaying.current = true;
        try {
          if (target instanceof HTMLElement) target.click();
        } finally {
          replaying.current = false;
        }
      });
    };
    let leaving = false;
    const onPopState = () => {
      if (leaving || onGuardEntry()) return;
      // Back (or a history jump) left the guard entry: stand in front again, then ask — unless this pop is the
      // guard's own step back after a save, and the page was edited again before it arrived.
      standInFront();
      if (ownStepBack) {
        ownStepBack = false;
        return;
      }
      ask(() => {
        leaving = true;
        window.removeEventListener('beforeunload', onBeforeUnload);
        // Past the guard entry and the page itself, to where Back was going.
        window.history.go(-2);
      });
    };
    if (!onGuardEntry()) standInFront();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick, true);
      // Saved (still on the page, on the guard entry): step off it, so Back works at once again.
      if (!leaving && onGuardEntry()) stepOffGuard();
    };
  }, [dirty, modal]);

  useEffect(() => {
    // The page opened on an earlier visit's guard entry (reloaded while it had unsaved edits, or reached with
    // Forward): nothing is unsaved now, so step onto the page's own entry — else the first Back would land on
    // this same page and seem to do nothing.
    if (onGuardEntry()) stepOffGuard();
  }, []);
}
