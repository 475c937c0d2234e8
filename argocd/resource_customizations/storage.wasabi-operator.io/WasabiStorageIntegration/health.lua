-- Argo CD health of a WasabiStorageIntegration (storage.wasabi-operator.io).
-- Needs only Lua's base library: argocd-cm scripts get no string or math library without useOpenLibs.
local hs = {}

-- "Reason: message": the reason is what the README's condition tables are keyed by.
local function describe(condition)
  local reason = condition.reason
  local message = condition.message
  if reason == nil or reason == "" then
    return message or ""
  end
  if message == nil or message == "" then
    return reason
  end
  return reason .. ": " .. message
end

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

-- Conditions written for an older spec say nothing about the current one.
local generation = obj.metadata.generation
local observed = status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

-- Stalled (kstatus's abnormal-true condition): nothing gets better until a person acts.
if status.conditions ~= nil then
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Stalled" and condition.status == "True" then
      hs.status = "Degraded"
      hs.message = describe(condition)
      return hs
    end
  end
end

local ready = nil
if status.conditions ~= nil then
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Ready" then
      ready = condition
      break
    end
  end
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end
-- Ready carries the reason and message of the first of Validated and AccessVerified that is not True.
if ready.status == "False" then
  hs.status = "Degraded"
elseif ready.status == "True" then
  hs.status = "Healthy"
else
  hs.status = "Progressing"
end
hs.message = describe(ready)
return hs
