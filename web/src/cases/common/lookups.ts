// Lookups many case forms need (the category tree, the departments in scope), fetched once per
// page load and shared; the catalogue page drops the cache after an edit.
import { useEffect, useState } from 'react';
import { departmentsApi } from '../../api/endpoints';
import type { Department } from '../../api/types';
import { categoriesApi, type CategoryView } from '../api';

let categoriesPromise: Promise<CategoryView[]> | null = null;
let departmentsPromise: Promise<Department[]> | null = null;

export function loadCategories(): Promise<CategoryView[]> {
  if (!categoriesPromise) {
    categoriesPromise = categoriesApi.tree();
    categoriesPromise.catch(() => { categoriesPromise = null; });
  }
  return categoriesPromise;
}

export function forgetCategories(): void {
  categoriesPromise = null;
}

export function loadDepartments(): Promise<Department[]> {
  if (!departmentsPromise) {
    departmentsPromise = departmentsApi.list().then((r) => r.items);
    departmentsPromise.catch(() => { departmentsPromise = null; });
  }
  return departmentsPromise;
}

function useLoaded<T>(load: () => Promise<T[]>): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    load().then((x) => { if (live) setItems(x); }, () => undefined);
    return () => { live = false; };
  }, [load]);
  return items;
}

export const useCategories = (): CategoryView[] => useLoaded(loadCategories);
export const useDepartments = (): Department[] => useLoaded(loadDepartments);

/** Subcategories (the ones a case carries) with their parent, for selects. */
export function flatCategories(tree: CategoryView[]): { parent: CategoryView; child: CategoryView }[] {
  return tree.flatMap((p) => (p.children ?? []).map((child) => ({ parent: p, child })));
}
