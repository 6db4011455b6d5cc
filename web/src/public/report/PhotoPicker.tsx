// Several photos from the camera or the album, checked here before anything is sent: only JPEG,
// PNG or WebP (by their first bytes, as the server checks them, not by the file name), at most
// 5 MB each, at most `max` in all. Refused files are named with the reason.
import { CloseOutlined, CameraOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export interface PickedPhoto {
  uid: string;
  file: File;
  preview: string;
}

/** The image type from the file's magic bytes, or null when it is none of the three accepted. */
export async function sniffImage(file: Blob): Promise<'image/jpeg' | 'image/png' | 'image/webp' | null> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

let uidSeq = 0;
const NONE: PickedPhoto[] = [];

interface Props {
  /** Set by the Form.Item around it, or by the caller. */
  value?: PickedPhoto[];
  onChange?: (photos: PickedPhoto[]) => void;
  max?: number;
  testId?: string;
  disabled?: boolean;
}

export default function PhotoPicker({ value = NONE, onChange, max = 6, testId = 'photos', disabled }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const current = useRef(value);
  current.current = value;

  // Free the previews of photos that left the list when the picker goes away.
  useEffect(() => () => current.current.forEach((p) => URL.revokeObjectURL(p.preview)), []);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    const accepted: PickedPhoto[] = [];
    const refused: string[] = [];
    for (const file of Array.from(files)) {
      if (current.current.length + accepted.length >= max) {
        refused.push(t('report.photoMax', { max }));
        break;
      }
      if (file.size === 0) refused.push(t('report.photoEmpty', { name: file.name }));
      else if (!(await sniffImage(file))) refused.push(t('report.photoType', { name: file.name }));
      else if (file.size > MAX_PHOTO_BYTES) refused.push(t('report.photoSize', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) }));
      else accepted.push({ uid: `p${++uidSeq}`, file, preview: URL.createObjectURL(file) });
    }
    setProblems(refused);
    if (accepted.length) onChange?.([...current.current, ...accepted]);
  };

  const remove = (uid: string) => {
    const gone = value.find((p) => p.uid === uid);
    if (gone) URL.revokeObjectURL(gone.preview);
    onChange?.(value.filter((p) => p.uid !== uid));
  };

  const tile: React.CSSProperties = { width: 96, height: 96, borderRadius: 6, position: 'relative', flex: 'none' };
  return (
    <div data-testid={testId}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {value.map((p) => (
          <div key={p.uid} style={{ ...tile, overflow: 'hidden', border: '1px solid #e5e5e5' }} data-testid={`${testId}-thumb`}>
            <img src={p.preview} alt={p.file.name} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
            {!disabled && (
              <button
                type="button" aria-label={t('report.removePhoto')} onClick={() => remove(p.uid)} data-testid={`${testId}-remove`}
                style={{ position: 'absolute', top: 0, right: 0, width: 32, height: 32, border: 'none', borderBottomLeftRadius: 6, background: 'rgba(0,0,0,.55)', color: '#fff', fontSize: 14 }}
              >
                <CloseOutlined />
              </button>
            )}
          </div>
        ))}
        {value.length < max && !disabled && (
          <button
            type="button" onClick={() => input.current?.click()} data-testid={`${testId}-add`}
            style={{ ...tile, border: '1px dashed #bfbfbf', background: '#fafafa', color: '#595959', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 6, fontSize: 13 }}
          >
            <CameraOutlined style={{ fontSize: 26 }} />
            {t('report.addPhoto')}
          </button>
        )}
      </div>
      <input
        ref={input} type="file" accept="image/jpeg,image/png,image/webp" multiple style={{ display: 'none' }} data-testid={`${testId}-input`}
        onChange={(e) => { void add(e.target.files); e.target.value = ''; }}
      />
      <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 6 }}>{t('report.photosHint', { max })}</div>
      {problems.length > 0 && (
        <Alert
          type="error" showIcon style={{ marginTop: 8 }} data-testid={`${testId}-error`}
          title={problems.length === 1 ? problems[0] : <ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>}
        />
      )}
    </div>
  );
}
