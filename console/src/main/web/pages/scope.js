import { h, select } from '../dom.js';
import { api, session } from '../api.js';

/** The tenant a page is about: a tenant admin's own, or the one a platform admin picked. */
export async function tenantChoice(params, onChange) {
  const who = session();
  // A tenant admin's page asks the API for what the address names: another tenant is the API's
  // own 404, not something the console hides (it adds no authorization of its own).
  if (who.role !== 'platform_admin') return { tenant: params.tenant ?? who.tenant, picker: null };
  const list = await api.get('/tenants', { limit: 1000 });
  const ids = list.data.map((t) => t.id);
  const tenant = params.tenant ?? ids[0] ?? '';
  const picker = select('tenant', ids.map((id) => [id, id]), tenant, { 'aria-label': 'Tenant' });
  if (tenant && !ids.includes(tenant)) picker.appendChild(h('option', { value: tenant, selected: true }, tenant));
  picker.addEventListener('change', () => onChange(picker.value));
  return { tenant, picker: h('label', { class: 'field inline' }, h('span', {}, 'Tenant'), picker) };
}
