// The phone's position for a check-in, check-out or finding: one fix, high accuracy, a bounded wait.
export interface Fix { lng: number; lat: number; accuracy: number }

export type GeoFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export function currentPosition(timeoutMs = 15_000): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('unsupported' satisfies GeoFailure));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      (e) => reject(new Error((e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable') satisfies GeoFailure)),
      // A fresh fix each time: the worker walks, and a cached check-in point must not place a finding.
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}

/** Position or null (check-out and findings go without one rather than fail). */
export async function positionOrNull(): Promise<Fix | null> {
  try {
    return await currentPosition(8_000);
  } catch {
    return null;
  }
}
