// The photos of a case grouped by kind (scene, before, after), each a thumbnail that opens large.
import { Empty, Image, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { casesApi, type CasePhotoView } from '../api';

const KINDS: CasePhotoView['kind'][] = ['scene', 'before', 'after'];

export function PhotoStrip({ photos, size = 96 }: { photos: CasePhotoView[]; size?: number }) {
  const { t } = useTranslation();
  if (!photos.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.photos.none')} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="case-photos">
      {KINDS.filter((k) => photos.some((p) => p.kind === k)).map((k) => (
        <div key={k}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`cases.photoKind.${k}`)}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            <Image.PreviewGroup>
              <Space size={6} wrap>
                {photos.filter((p) => p.kind === k).map((p) => (
                  <Image
                    key={p.id} src={casesApi.photoUrl(p)} width={size} height={size}
                    style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
                    data-testid="case-photo" data-kind={p.kind}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          </div>
        </div>
      ))}
    </Space>
  );
}
