import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import type { ApiErrorDetail } from '../api/types';
import { errorMessage } from './Feedback';

/** Where a workbook upload stands; `file` names the file(s) for the messages. */
export type UploadState<R> =
  | { step: 'pick' }
  | { step: 'uploading'; file: string; percent: number }
  | { step: 'done'; file: string; result: R }
  | { step: 'failed'; file: string; message: string; details: ApiErrorDetail[] };

/**
 * The state of an import dialog: pick → uploading (with progress) → done, or failed with the server's located
 * errors. `upload` sends through the given function and runs `onDone` (e.g. invalidating queries) on success.
 */
export function useWorkbookUpload<R>(options: {
  unknownError: string;
  onDone?: (result: R) => Promise<unknown>;
}) {
  const { unknownError, onDone } = options;
  const [state, setState] = useState<UploadState<R>>({ step: 'pick' });

  const fail = useCallback((file: string, message: string) => {
    setState({ step: 'failed', file, message, details: [] });
  }, []);

  const upload = useCallback(
    (file: string, send: (onProgress: (percent: number) => void) => Promise<R>) => {
      setState({ step: 'uploading', file, percent: 0 });
      send((percent) => setState((s) => (s.step === 'uploading' ? { ...s, percent } : s)))
        .then(async (result) => {
          setState({ step: 'done', file, result });
          await onDone?.(result);
        })
        .catch((error: unknown) =>
          setState({
            step: 'failed',
            file,
            message: errorMessage(error, unknownError),
            details: error instanceof ApiError ? error.details : [],
          }),
        );
    },
    [onDone, unknownError],
  );

  const reset = useCallback(() => setState({ step: 'pick' }), []);
  return { state, upload, fail, reset };
}

/** What useWorkbookUpload gives a dialog. */
export type WorkbookUpload<R> = ReturnType<typeof useWorkbookUpload<R>>;
