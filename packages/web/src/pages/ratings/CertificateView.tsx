import { PrinterOutlined } from '@ant-design/icons';
import { Button, Flex, Modal } from 'antd';
import { createPortal } from 'react-dom';
import type { CertificateListView } from '../../api/types';
import { ErrorBox, Loading } from '../../components/Feedback';
import { useCertificates } from '../../hooks/useRatings';
import { useI18n } from '../../i18n';
import './certificate.css';

/** 「2023年度五星支部评定结果名单」: the rated branches grouped by n星, most stars first. */
function CertificateDocument({ list }: { list: CertificateListView }) {
  const { t } = useI18n();
  const groups = [...new Set(list.rows.map((r) => r.count))].sort((a, b) => b - a);
  return (
    <div className="wx-cert" data-testid="certificate-document">
      <div className="wx-cert-title">{t('ratings.cert.title', { year: list.year })}</div>
      <div className="wx-cert-sub">
        {list.source === 'confirmed' && list.version
          ? t('ratings.cert.confirmed', { version: list.version })
          : t('ratings.cert.computed')}
      </div>
      {groups.length === 0 && <p style={{ textAlign: 'center' }}>{t('ratings.cert.none')}</p>}
      {groups.map((n) => {
        const rows = list.rows.filter((r) => r.count === n);
        return (
          <section key={n} className="wx-cert-group">
            <div className="wx-cert-group-title">
              {t('ratings.cert.group', { label: rows[0]?.label ?? '', units: rows.length })}
            </div>
            <table className="wx-cert-table">
              <colgroup>
                <col className="wx-cert-col-idx" />
                <col className="wx-cert-col-name" />
                <col className="wx-cert-col-name" />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('ratings.cert.index')}</th>
                  <th>{t('ratings.col.street')}</th>
                  <th>{t('ratings.col.unit')}</th>
                  <th>{t('ratings.cert.stars')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.unitCode}>
                    <td className="wx-c">{i + 1}</td>
                    <td className="wx-c">{r.streetName ?? '—'}</td>
                    <td className="wx-c">{r.unitName}</td>
                    <td>
                      {r.starNames.map((name, k) => (
                        <span key={name} style={{ whiteSpace: 'nowrap' }}>
                          {name}
                          {k < r.starNames.length - 1 ? '、' : ''}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      <div className="wx-cert-foot">
        <div>{t('ratings.cert.signature')}</div>
      </div>
    </div>
  );
}

/** The certificate list in a dialog: preview, print (A4, nothing of the app around it). */
export function CertificateModal({
  campaign,
  open,
  onClose,
}: {
  campaign: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const list = useCertificates(campaign, open);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={860}
      title={t('ratings.cert.dialog')}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('ratings.close')}</Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!list.data}
            onClick={() => window.print()}
          >
            {t('ratings.cert.print')}
          </Button>
        </Flex>
      }
    >
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <>
          <div className="wx-cert-scroll">
            <CertificateDocument list={list.data} />
          </div>
          {createPortal(
            <div className="wx-cert-print">
              <CertificateDocument list={list.data} />
            </div>,
            document.body,
          )}
        </>
      )}
    </Modal>
  );
}
