/** The layer-matrix report: the data (`layerMatrix`) and the page (`renderReport`). */
export { layerMatrix } from './matrix';
export { renderReport, REPORT_GENERATOR } from './html';
