import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  CadreListView,
  CadreResultsView,
  CadreView,
  CreateCadreBody,
  UpdateCadreBody,
} from '../../api/types';

const keys = {
  all: ['cadres'] as const,
  list: (street: string | undefined, all: boolean) => ['cadres', 'list', street ?? '', all] as const,
  results: (code: string, period: string) => ['cadres', 'results', code, period] as const,
};

const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export function useCadres(street: string | undefined, all: boolean) {
  return useQuery({
    queryKey: keys.list(street, all),
    queryFn: () => api.get<CadreListView>(`/api/cadres${query({ street, all: all ? 'true' : undefined })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCadreResults(code: string | undefined, period: string) {
  return useQuery({
    queryKey: keys.results(code ?? '', period),
    queryFn: () =>
      api.get<CadreResultsView>(
        `/api/campaigns/${encodeURIComponent(code ?? '')}/results/cadres${query({ period })}`,
      ),
    enabled: Boolean(code),
    placeholderData: keepPreviousData,
  });
}

export const cadreResultsExportUrl = (code: string, period: string, format: string) =>
  `/api/campaigns/${encodeURIComponent(code)}/results/cadres/export${query({ period, format })}`;

/** Adds a cadre (id null) or changes one; every cadre view refetches after. */
export function useSaveCadre() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateCadreBody | UpdateCadreBody }) =>
      id === null
        ? api.post<CadreView>('/api/cadres', body)
        : api.put<CadreView>(`/api/cadres/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}
