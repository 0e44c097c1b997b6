import { useState } from 'react';
import { create } from 'zustand';
import { createApiClient } from '../shared/contract/client';
import type { DailiesApi } from '../shared/contract';
import { Library } from './views/Library';
export { useState, create, createApiClient, Library };
export type { DailiesApi };
