/**
 * A formula that cannot give a value for this record: bad syntax, an unknown function or
 * field, a type mismatch, division by zero, a result out of range. Never leaves the calc
 * module: the field whose formula failed is stored empty, and the write goes on.
 */
export class FormulaError extends Error {
  override name = 'FormulaError';
}
