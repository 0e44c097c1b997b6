import { FormField } from '../../components/FormField';
import type { SettingsKey } from '../../store/settings-slice';

export interface FieldSpec {
  key: Exclude<SettingsKey, 'theme'>;
  label: string;
  hint: string;
  placeholder?: string;
  numeric?: boolean;
}

/** One labelled input with its hint, and the engine's error for it when the last save failed. */
export function SettingsField({
  spec,
  value,
  error,
  onChange,
}: {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <FormField id={`setting-${spec.key}`} label={spec.label} hint={spec.hint} error={error}>
      {(p) => (
        <input
          {...p}
          name={spec.key}
          type="text"
          inputMode={spec.numeric ? 'numeric' : undefined}
          spellCheck={false}
          autoComplete="off"
          value={value}
          placeholder={spec.placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}
