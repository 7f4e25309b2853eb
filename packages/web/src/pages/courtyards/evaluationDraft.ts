import { draftId } from '../../offline/drafts';

/** Drafts of courtyard evaluations share the offline draft store with the inspector's sheets, under their own round id. */
export const courtyardDraftId = (owner: string, campaignCode: string, householdCode: string) =>
  draftId(owner, `courtyard:${campaignCode}`, householdCode);

/** The draft line that holds the evaluation's photos (the standards' lines hold points and notes). */
export const PHOTO_LINE = '_photos';
