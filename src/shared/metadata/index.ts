export * from './content-id';
export * from './file-name-defaults';
export * from './metadata-schema';
export * from './slug';
export * from './title';
