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
  const id = `setting-${spec.key}`;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        name={spec.key}
        type="text"
        inputMode={spec.numeric ? 'numeric' : undefined}
        spellCheck={false}
        autoComplete="off"
        value={value}
        placeholder={spec.placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {spec.hint}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
