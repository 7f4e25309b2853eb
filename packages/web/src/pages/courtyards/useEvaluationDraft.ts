import { useCallback, useEffect, useRef, useState } from 'react';
import { deleteDraft, draftId, loadDraft, type SheetDraft, saveDraft } from '../../offline/drafts';

/** Drafts of courtyard evaluations share the offline draft store with the inspector's sheets, under their own round id. */
export const courtyardDraftId = (owner: string, campaignCode: string, householdCode: string) =>
  draftId(owner, `courtyard:${campaignCode}`, householdCode);

/** The draft line that holds the evaluation's photos (the standards' lines hold points and notes). */
export const PHOTO_LINE = '_photos';

/**
 * The evaluator's draft for a household: loaded from IndexedDB and saved (debounced) as they type, so a reload
 * or a crash on site loses nothing — the same rules as the inspector's sheet drafts.
 */
export function useEvaluationDraft(id: string) {
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
