import { useCallback, useEffect, useRef, useState } from 'react';
import { deleteDraft, loadDraft, type SheetDraft, saveDraft } from './drafts';

/**
 * A draft (an inspector's sheet, an evaluator's household scores) loaded from IndexedDB and saved (debounced) as
 * the user types, so a reload or a crash on site loses nothing. `reread` takes the stored draft again after the
 * sync engine changed it.
 */
export function useDraft(id: string) {
  const [draft, setDraft] = useState<SheetDraft | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const pending = useRef<SheetDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (next) {
      await saveDraft(next).catch(() => undefined);
      setSavedAt(next.updatedAt);
    }
  }, []);

  useEffect(() => {
    let stop = false;
    setLoaded(false);
    void loadDraft(id)
      .catch(() => undefined)
      .then((d) => {
        if (stop) return;
        setDraft(d ?? null);
        setSavedAt(d?.updatedAt ?? null);
        setLoaded(true);
      });
    return () => {
      stop = true;
    };
  }, [id]);

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  const update = useCallback(
    (next: SheetDraft) => {
      const stamped = { ...next, updatedAt: new Date().toISOString() };
      setDraft(stamped);
      pending.current = stamped;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), 400);
    },
    [flush],
  );

  const replace = useCallback(
    async (next: SheetDraft | null) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      pending.current = null;
      setDraft(next);
      if (next) {
        await saveDraft(next);
        setSavedAt(next.updatedAt);
      } else await deleteDraft(id).catch(() => undefined);
    },
    [id],
  );

  /** Takes the stored draft as it is now (after the sync engine changed it). */
  const reread = useCallback(async () => {
    const stored = await loadDraft(id).catch(() => undefined);
    setDraft(stored ?? null);
  }, [id]);

  return { draft, loaded, savedAt, update, replace, flush, reread };
}
