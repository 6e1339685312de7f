/** A till: sales and cash-ups belong to one, and it sells from one stock location. */
export interface RegisterTable {
  id: string;
  name: string;
  location_id: string;
  active: number;
  created_at: string;
}

export interface RegisterTables {
  registers: RegisterTable;
}
