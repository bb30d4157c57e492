import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every schema in the contracts is built from this `z`, so each one can describe itself in the OpenAPI document.
extendZodWithOpenApi(z);

export { z };
