import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorBox, Loading } from '../../components/Feedback';
import { usePublicPublication } from '../../hooks/usePublications';
import { usePublicationsI18n } from './i18n';
import { absoluteUrl, QrCode } from './QrCode';
import './publication.css';

const two = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

/** A4 with no browser margins while this view is open (the sheet draws its own); removed when leaving. */
function useA4Page() {
  useEffect(() => {
    const style = document.createElement('style');
    style.textContent = '@page { size: A4; margin: 0; }';
    document.head.appendChild(style);
    return () => style.remove();
  }, []);
}

/**
 * The print view /p/:token/print: an A4 公示表 with title, number, period, the objection window, publisher,
 * the village and street rankings, the objection contact, the publishing date and a QR code of the page.
 */
export function PublicPrintPage() {
  const { token } = useParams();
  const { t } = usePublicationsI18n();
  const [params] = useSearchParams();
  const asked = params.get('version');
  const pub = usePublicPublication(token, asked ? Number(asked) : undefined);
  useA4Page();

  if (pub.isPending) return <Loading minHeight={400} />;
  if (pub.isError) {
    const status = pub.error instanceof ApiError ? pub.error.status : 0;
    if (status === 404) return <Result status="404" title={t('pub.public.notFound')} />;
    if (status === 401) return <Result status="403" title={t('pub.public.needLogin')} />;
    return <ErrorBox error={pub.error} onRetry={() => pub.refetch()} />;
  }
  const p = pub.data;
  const s = p.snapshot;
  return (
    <div className="wx-gs-screen">
      <div className="wx-gs-tools">
        <Link to={p.publicPath}>
          <Button icon={<ArrowLeftOutlined />}>{t('pub.print.back')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('pub.print.button')}
        </Button>
      </div>
      <article className="wx-gs" data-testid="print-sheet">
        <div className="wx-gs-heading">{t('pub.print.heading')}</div>
        <h1>{p.title}</h1>
        <div className="wx-gs-number">
          {p.number}
          {p.version > 1 ? t('pub.print.version', { n: p.version }) : ''}
        </div>
        <p>
          {t('pub.print.intro', {
            period: p.periodLabel,
            from: p.publishedOn,
            to: p.windowEnd,
            days: p.windowDays,
            publisher: p.publisher,
          })}
        </p>
        <h2>{t('pub.print.unitsTitle')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('pub.col.rank')}</th>
              <th>{t('pub.col.unit')}</th>
              <th>{t('pub.col.street')}</th>
              <th>{t('pub.col.score')}</th>
              {s.stars.map((star) => (
                <th key={star.code}>{star.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.units.map((u) => (
              <tr key={u.code}>
                <td>{u.rank}</td>
                <td className="wx-gs-l">{u.name}</td>
                <td className="wx-gs-l">{u.streetName}</td>
                <td className="wx-gs-r">
                  <strong>{two(u.score)}</strong>
                </td>
                {s.stars.map((star) => (
                  <td key={star.code} className="wx-gs-r">
                    {two(u.stars[star.code])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('pub.print.streetsTitle')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('pub.col.rank')}</th>
              <th>{t('pub.col.streetName')}</th>
              <th>{t('pub.col.score')}</th>
              {s.stars.map((star) => (
                <th key={star.code}>{star.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.streets.map((r) => (
              <tr key={r.code}>
                <td>{r.rank}</td>
                <td className="wx-gs-l">{r.name}</td>
                <td className="wx-gs-r">
                  <strong>{two(r.score)}</strong>
                </td>
                {s.stars.map((star) => (
                  <td key={star.code} className="wx-gs-r">
                    {two(r.stars[star.code])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="wx-gs-foot">
          <div className="wx-gs-contact">
            <div>{t('pub.print.contact', { contact: p.contact })}</div>
            <div className="wx-gs-sign">
              <div>{t('pub.print.signature', { publisher: p.publisher })}</div>
              <div>{p.publishedOn}</div>
            </div>
          </div>
          <div className="wx-gs-qr">
            <QrCode text={absoluteUrl(p.publicPath)} size={96} alt={t('pub.print.scan')} />
            <div>{t('pub.print.scan')}</div>
          </div>
        </div>
      </article>
    </div>
  );
}
