// 导入: the shared registry import button (template, upload, progress, error workbook) from
// ../import; housing and places lists reach it only through this slot.
import { RegistryImportButton } from '../import/ImportDialog';
import type { RegistryEntity } from '../import/api';

export function ImportSlot({ entity, onDone }: { entity: RegistryEntity; onDone?: () => void }) {
  return <RegistryImportButton entity={entity} onDone={() => onDone?.()} />;
}
