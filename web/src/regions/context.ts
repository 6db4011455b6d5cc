// What the region page tells the tree beside it: where it is, and which branches changed.
import { useOutletContext } from 'react-router-dom';

export interface RegionsOutlet {
  /** Expand the tree down to this path (root first, ending with the region itself). */
  focus: (pathIds: number[]) => void;
  /** Reload the children of these nodes after a change. */
  reloadNodes: (ids: (number | null)[]) => void;
}

export const useRegionsOutlet = () => useOutletContext<RegionsOutlet | undefined>();
