// DescribeQuotas, DescribeRegions, DescribeScenes and PreviewReplacedCommandContent.
import { ApiError } from '../answer.mjs';
import { LIMITS } from '../state.mjs';
import { str, page, select, conflict } from './common.mjs';
import { SCENES, findCommand } from './commands.mjs';

/** The regions TAT serves, with their names in both languages. */
const REGIONS = [
  ['ap-guangzhou', 'South China(Guangzhou)', '广州'],
  ['ap-shanghai', 'East China(Shanghai)', '上海'],
  ['ap-nanjing', 'East China(Nanjing)', '南京'],
  ['ap-beijing', 'North China(Beijing)', '北京'],
  ['ap-chengdu', 'Southwest China(Chengdu)', '成都'],
  ['ap-chongqing', 'Southwest China(Chongqing)', '重庆'],
  ['ap-hongkong', 'Hong Kong, China', '中国香港'],
  ['ap-singapore', 'Southeast Asia(Singapore)', '新加坡'],
  ['ap-jakarta', 'Southeast Asia(Jakarta)', '雅加达'],
  ['ap-bangkok', 'Southeast Asia(Bangkok)', '曼谷'],
  ['ap-seoul', 'Northeast Asia(Seoul)', '首尔'],
  ['ap-tokyo', 'Northeast Asia(Tokyo)', '东京'],
  ['na-siliconvalley', 'West US(Silicon Valley)', '硅谷'],
  ['na-ashburn', 'East US(Virginia)', '弗吉尼亚'],
  ['eu-frankfurt', 'Europe(Frankfurt)', '法兰克福'],
  ['sa-saopaulo', 'South America(São Paulo)', '圣保罗'],
];

function describeRegions(_params, ctx) {
  const zh = ctx.language === 'zh-CN';
  return {
    TotalCount: REGIONS.length,
    RegionSet: REGIONS.map(([Region, en, cn]) => ({ Region, RegionName: zh ? cn : en, RegionState: 'AVAILABLE' })),
  };
}

function describeQuotas(params, ctx) {
  const used = { COMMAND: [ctx.account.commands.size, LIMITS.commands], REGISTER_CODE: [ctx.account.registerCodes.size, LIMITS.registerCodes] };
  const unknown = params.ResourceNames.filter((n) => !Object.hasOwn(used, n));
  if (unknown.length) throw new ApiError('ResourceUnavailable.InvalidResourceQuotaResourceCode', `Unknown resource names: ${unknown.join(', ')} (COMMAND, REGISTER_CODE).`);
  return {
    GeneralResourceQuotaSet: params.ResourceNames.map((ResourceName) => ({ ResourceName, ResourceQuotaUsed: used[ResourceName][0], ResourceQuotaTotal: used[ResourceName][1] })),
  };
}

function describeScenes(params) {
  conflict(params, 'SceneIds', 'Filters');
  const scenes = select(SCENES, params.SceneIds, (s) => s.SceneId, params.Filters, {
    'scene-id': (s) => s.SceneId,
    'scene-name': (s) => s.SceneName,
    'created-by': (s) => s.CreatedBy,
  });
  return { TotalCount: scenes.length, SceneSet: page(scenes, params) };
}

/** The script with its placeholders replaced, from Content or a saved command (its defaults too). */
function previewReplacedCommandContent(params, ctx) {
  let content = params.Content;
  let defaults = null;
  if (params.CommandId) {
    const command = findCommand(ctx.account, params.CommandId);
    if (params.Parameters && !command.EnableParameter) {
      throw new ApiError('InvalidParameterValue.ParameterDisabled', `${command.CommandId} was created without EnableParameter.`);
    }
    content = command.Content;
    defaults = command.DefaultParameters;
  }
  // A placeholder without a value stays as it is, as in the document's example. Past the
  // package's preview limit the length is known before anything is built: the answer would be
  // too large (issue 23).
  try {
    return { ReplacedContent: ctx.tat.previewContent(content, str(params.Parameters) || null, defaults).content };
  } catch (e) {
    if (e?.code !== 'ResponseSizeLimitExceeded') throw e;
    throw new ApiError('ResponseSizeLimitExceeded', e.message.replace(/^Content: /, ''));
  }
}

export const ACTIONS = {
  DescribeQuotas: describeQuotas,
  DescribeRegions: describeRegions,
  DescribeScenes: describeScenes,
  PreviewReplacedCommandContent: previewReplacedCommandContent,
};
