export { strataSchema, strataClasses, docutilsClasses, idPattern } from './schema.ts'
