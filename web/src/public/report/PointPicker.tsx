// Mark where a problem is: tap the map, or take the phone's own position. Grid outlines are drawn
// when the caller has them (staff); the resident's page has no public source of outlines and shows
// the point alone. The region under the point (deepest drawn) is named below the map.
import { AimOutlined, EnvironmentFilled } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { Marker, NavigationControl, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionFeatureCollection, RegionFeatureProps } from '../../api/types';
import { addRegionLayers, bboxOf, createMap, fitTo } from '../../map/mapCore';

export interface LngLat {
  lng: number;
  lat: number;
}

interface Props {
  /** Set by the Form.Item around it, or by the caller. */
  value?: LngLat | null;
  onChange?: (p: LngLat) => void;
  /** Outlines to draw (the worker's grid and its micro-grids); the view fits them. */
  regions?: RegionFeatureCollection;
  /** Where to look first when there is neither a point nor outlines: [lng, lat, zoom]. */
  initialView?: [number, number, number];
  /** Names the region under the point, or null when the point is outside every outline. */
  onRegion?: (region: RegionFeatureProps | null) => void;
  height?: number;
  testId?: string;
}

const SRC = 'regions';

export default function PointPicker({ value = null, onChange, regions, initialView, onRegion, height = 260, testId = 'point-picker' }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const [ready, setReady] = useState(false);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);
  const [regionName, setRegionName] = useState<string | null | undefined>(undefined);
  const cb = useRef({ onChange, onRegion });
  cb.current = { onChange, onRegion };

  useEffect(() => {
    const map = createMap(container.current!);
    mapRef.current = map;
    if (initialView) map.jumpTo({ center: [initialView[0], initialView[1]], zoom: initialView[2] });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    // A tap marks the point; no double-tap zoom, which would mark two points on the way.
    map.doubleClickZoom.disable();
    map.on('load', () => {
      map.addSource(SRC, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
      addRegionLayers(map, SRC, 'level');
      setReady(true);
    });
    map.on('click', (e) => cb.current.onChange?.({ lng: e.lngLat.lng, lat: e.lngLat.lat }));
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(container.current!);
    return () => {
      ro.disconnect();
      marker.current?.remove();
      marker.current = null;
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
    // The map is created once; the initial view only matters then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Outlines: drawn and fitted once they arrive (unless a point is already set).
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !regions) return;
    const minLevel = Math.min(...regions.features.map((f) => f.properties.level));
    const parents = new Set(regions.features.map((f) => f.properties.parentId));
    (map.getSource(SRC) as GeoJSONSource).setData({
      ...regions,
      features: regions.features.map((f) => ({ ...f, properties: { ...f.properties, depth: f.properties.level - minLevel, covered: parents.has(f.properties.id) } })),
    });
    if (!value) fitTo(map, bboxOf(regions), 16);
    // Fit only when the outlines change, not on every point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, regions]);

  // The marker follows the value; the region under it is looked up once the map has drawn.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (!value) {
      marker.current?.remove();
      marker.current = null;
      setRegionName(undefined);
      return;
    }
    if (!marker.current) {
      const el = document.createElement('div');
      el.setAttribute('data-testid', `${testId}-marker`);
      el.style.cssText = 'color:#c62828;font-size:34px;line-height:1;filter:drop-shadow(0 1px 2px rgba(0,0,0,.4))';
      el.innerHTML = '<svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor"><path d="M512 64C306 64 140 230 140 436c0 101.8 40.9 194.1 107.2 261.4L512 960l264.8-262.6C843.1 630.1 884 537.8 884 436 884 230 718 64 512 64zm0 484c-61.9 0-112-50.1-112-112s50.1-112 112-112 112 50.1 112 112-50.1 112-112 112z"/></svg>';
      marker.current = new Marker({ element: el, anchor: 'bottom' }).setLngLat([value.lng, value.lat]).addTo(map);
    } else marker.current.setLngLat([value.lng, value.lat]);
    if (!regions) return;
    const name = () => {
      const hits = map.queryRenderedFeatures(map.project([value.lng, value.lat]), { layers: [`${SRC}-fill`] })
        .map((f) => f.properties as RegionFeatureProps)
        .sort((a, b) => b.level - a.level);
      setRegionName(hits[0]?.name ?? null);
      cb.current.onRegion?.(hits[0] ?? null);
    };
    if (map.loaded()) name();
    else map.once('idle', name);
  }, [ready, value, regions, testId]);

  const locate = () => {
    setGeoError(null);
    if (!('geolocation' in navigator)) {
      setGeoError(t('report.geoUnavailable'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const p = { lng: pos.coords.longitude, lat: pos.coords.latitude };
        mapRef.current?.jumpTo({ center: [p.lng, p.lat], zoom: Math.max(mapRef.current.getZoom(), 17) });
        cb.current.onChange?.(p);
      },
      (err) => {
        setLocating(false);
        setGeoError(t('report.geoDenied', { reason: err.message || err.code }));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div>
      <div style={{ position: 'relative', height, borderRadius: 8, overflow: 'hidden', border: '1px solid #d9d9d9' }}>
        <div ref={container} data-testid={testId} data-ready={ready ? 'true' : 'false'} style={{ position: 'absolute', inset: 0 }} />
        <Button
          icon={<AimOutlined />} loading={locating} onClick={locate} data-testid={`${testId}-locate`}
          style={{ position: 'absolute', top: 8, left: 8, height: 40, boxShadow: '0 1px 4px rgba(0,0,0,.2)' }}
        >
          {locating ? t('report.locating') : t('report.useMyLocation')}
        </Button>
        {!value && !regions && (
          <div style={{ position: 'absolute', left: 8, right: 8, bottom: 8, background: 'rgba(255,255,255,.92)', borderRadius: 6, padding: '6px 10px', fontSize: 13, color: '#595959', pointerEvents: 'none' }}>
            {t('report.locateFirst')}
          </div>
        )}
      </div>
      <div style={{ marginTop: 6, minHeight: 22 }} data-testid={`${testId}-status`}>
        {geoError ? (
          <Typography.Text type="danger">{geoError}</Typography.Text>
        ) : value ? (
          <Typography.Text>
            <EnvironmentFilled style={{ color: '#c62828', marginInlineEnd: 4 }} />
            {regionName ? t('report.inRegion', { name: regionName }) : regionName === null ? <Typography.Text type="warning">{t('report.outsideRegions')}</Typography.Text> : t('report.pointSet')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('report.locationHint')}</Typography.Text>
        )}
      </div>
    </div>
  );
}
