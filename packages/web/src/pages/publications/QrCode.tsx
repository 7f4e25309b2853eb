import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** A QR code of `text` as an image (drawn in the browser by a pure-JS encoder; nothing leaves the page). */
export function QrCode({ text, size = 160, alt }: { text: string; size?: number; alt: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    return qr.createDataURL(8, 2);
  }, [text]);
  return (
    <img
      src={src}
      alt={alt}
      width={size}
      height={size}
      style={{ imageRendering: 'pixelated', display: 'block' }}
      data-qr={text}
    />
  );
}

/** The absolute address of an app path on this server (what a QR code or a copied link points to). */
export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}
